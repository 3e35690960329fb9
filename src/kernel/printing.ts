import { type Accessor, createSignal, onCleanup } from "solid-js";

/**
 * True while the page is being printed: from `beforeprint` to `afterprint`, or while the print media
 * query matches (a print preview, or a test's emulated print media). The print-only report and summary
 * are built only then: kept on the page, hidden, they were rebuilt on every assumption change and made
 * up much of the work of each keystroke (issue 12's input-to-paint profile). `beforeprint` fires before
 * the browser lays out the printed page, and Solid renders synchronously, so the print has them.
 * Call inside a reactive owner; the listeners go with it.
 */
export function createPrinting(win: Window | undefined = globalThis.window): Accessor<boolean> {
  const query = win?.matchMedia?.("print");
  const [printing, setPrinting] = createSignal(query?.matches ?? false);
  if (!win) return printing;
  const before = () => setPrinting(true);
  const after = () => setPrinting(query?.matches ?? false);
  const change = (e: MediaQueryListEvent) => setPrinting(e.matches);
  win.addEventListener("beforeprint", before);
  win.addEventListener("afterprint", after);
  query?.addEventListener("change", change);
  onCleanup(() => {
    win.removeEventListener("beforeprint", before);
    win.removeEventListener("afterprint", after);
    query?.removeEventListener("change", change);
  });
  return printing;
}
