/**
 * Zod compiles object parsers with `new Function` when it may, and probes whether it may by calling
 * `Function("")` as each object schema is built — which the app's Content-Security-Policy (no
 * 'unsafe-eval', src/csp.ts) reports as a violation. Jitless mode parses by interpretation and never
 * probes. It must be set before zod's first schema is built, and a bundle runs a chunk's imports before
 * the importing module's own code, so a `z.config()` call in main.tsx comes too late. Hence zod's global
 * config object is set here, with no import, and vite.config.ts aliases `zod` to zod-jitless.ts, which
 * imports this file before zod itself: every bundle (page and workers) sets it first.
 */
declare global {
  var __zod_globalConfig: Record<string, unknown> | undefined;
}
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig ?? {}, { jitless: true });

export {};
