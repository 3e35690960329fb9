/**
 * Files leave the app through the browser's own download: a Blob behind an object URL on an
 * `<a download>`, clicked once. Nothing is sent anywhere. Charts leave as SVG (the Plot SVG, serialised
 * with its namespace and a white background) or as PNG (that SVG drawn on a canvas); a chart meant to
 * stand alone is first framed by `standaloneSvg` (src/charts/standalone.ts).
 */

/** Offers `data` as a file named `name`. */
export function download(name: string, data: Blob | string, type = "text/plain;charset=utf-8"): void {
  const blob = typeof data === "string" ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the download may still be reading the blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The size an SVG is drawn at, from its width/height attributes or its viewBox (CSS px). */
function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const w = Number.parseFloat(svg.getAttribute("width") ?? "");
  const h = Number.parseFloat(svg.getAttribute("height") ?? "");
  if (w > 0 && h > 0) return { width: w, height: h };
  const vb = svg.viewBox?.baseVal;
  if (vb && vb.width > 0 && vb.height > 0) return { width: vb.width, height: vb.height };
  const r = svg.getBoundingClientRect();
  return { width: Math.max(1, r.width), height: Math.max(1, r.height) };
}

/** A standalone SVG document of a chart: namespaces set, size explicit, white behind it. */
export function serializeSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = sizeOf(svg);
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  copy.setAttribute("width", String(width));
  copy.setAttribute("height", String(height));
  // Plot sets the text colour through CSS `color`; a standalone file needs it stated. A chart framed by
  // `standaloneSvg` is not in the page (its computed style is empty) and states both itself.
  const style = getComputedStyle(svg);
  if (style.color) copy.style.color = style.color;
  if (style.fontFamily) copy.style.fontFamily = style.fontFamily;
  copy.style.background = "#ffffff";
  const bg = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", "#ffffff");
  copy.insertBefore(bg, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

/** The chart as a PNG at `scale` times its size (2 by default, sharp on a projector or in print). */
export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = sizeOf(svg);
  const url = URL.createObjectURL(new Blob([serializeSvg(svg)], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.width = width;
    img.height = height;
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("the chart could not be drawn as an image"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("this browser cannot draw on a canvas");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("no PNG was made"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Reads a chosen file as text (UTF-8). */
export function readText(file: File): Promise<string> {
  return file.text();
}
