/**
 * Runs a command-line tool of scripts/ compiled once: `node scripts/cli.mjs <name> [args…]` bundles
 * scripts/<name>.ts (and its worker, scripts/<name>-worker.ts, if there is one) with esbuild into
 * .cache/cli/<name>.mjs when the bundle is missing or older than any TypeScript file under models/ or
 * scripts/, then runs it. Later runs, and every worker thread, load plain JavaScript: no TypeScript is
 * transpiled at start-up. Plain JavaScript itself, so that it needs no loader.
 *
 * The bundle sits two folders below the repository root, as scripts/lib/*.ts do, so the paths they
 * build from import.meta.dirname (the scenarios/ folder) stay right.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, ".cache", "cli");
const [name, ...rest] = process.argv.slice(2);
if (!name || !/^[a-z-]+$/.test(name) || !existsSync(join(ROOT, "scripts", `${name}.ts`))) {
  process.stderr.write(`usage: node scripts/cli.mjs <tool> [args…] (a scripts/<tool>.ts)\n`);
  process.exit(2);
}

/** Newest modification time of the TypeScript sources a tool can import. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Zod's classic API re-exports every locale (`z.locales`, 366 kB of the 750 kB zod puts in a bundle)
 * and esbuild cannot leave a re-exported namespace out. The tools never switch locale: zod's messages
 * are replaced by the models' own bilingual ones, and zod installs English itself (classic/schemas.js
 * imports locales/en.js directly). So the CLI's bundle gets a `locales` of English only: less to read
 * and compile at every start-up of the tool and of each of its workers.
 */
const englishOnlyZodLocales = {
  name: "english-only-zod-locales",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), "../locales"), namespace: "zod-en" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-en" }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: args.path,
    }));
  },
};

const bundle = join(OUT, `${name}.mjs`);
// This file too: a change in how the bundle is made makes it again.
const sources = Math.max(
  newestSource(join(ROOT, "models")),
  newestSource(join(ROOT, "scripts")),
  statSync(fileURLToPath(import.meta.url)).mtimeMs,
);
if (!existsSync(bundle) || statSync(bundle).mtimeMs < sources) {
  const { build } = await import("esbuild");
  const entries = [join(ROOT, "scripts", `${name}.ts`)];
  const worker = join(ROOT, "scripts", `${name}-worker.ts`);
  if (existsSync(worker)) entries.push(worker);
  const result = await build({
    entryPoints: entries,
    outdir: OUT,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Minified: V8 reads and compiles the whole bundle at every start (Node 20 keeps no compile cache).
    minify: true,
    // Kept readable in the CPU profiles of `node --cpu-prof` and in stack traces.
    keepNames: true,
    plugins: [englishOnlyZodLocales],
    write: false,
    logLevel: "error",
    // Bundled CommonJS dependencies may call require.
    banner: {
      js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);',
    },
  });
  mkdirSync(OUT, { recursive: true });
  // Written beside and renamed into place, so a tool started meanwhile never reads half a file; the
  // worker first, so the main bundle is never newer than the worker it starts.
  const files = [...result.outputFiles].sort(
    (a, b) => (basename(a.path) === `${name}.mjs` ? 1 : 0) - (basename(b.path) === `${name}.mjs` ? 1 : 0),
  );
  for (const f of files) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
}
process.argv = [process.argv[0], bundle, ...rest];
await import(pathToFileURL(bundle).href);
