/**
 * The Content-Security-Policy the app ships with: everything from its own origin, no inline or
 * evaluated script, workers from the origin (and blob: URLs), inline styles (Solid and Plot set style
 * attributes), images from the origin and blob: URLs (a chart becomes a PNG by drawing its SVG, held in
 * a blob: URL, on a canvas), no plugins, no <base>. `index.html` carries it as a meta tag (the build
 * checks the two agree); `vite preview` and the browser tests' server also send it as a header, which
 * is what reaches the model workers (a meta tag binds only the page).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
].join("; ");
