import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";
import solid from "vite-plugin-solid";
import { defineConfig } from "vitest/config";
import { CONTENT_SECURITY_POLICY } from "./src/csp.ts";

/**
 * Builds src/sw/service-worker.ts as dist/sw.js and injects the list of every emitted file, so the app
 * precaches itself and works offline once loaded. The version is a hash of the file names (which carry
 * content hashes), so a new build replaces the old cache.
 */
function precache(): Plugin {
  return {
    name: "reachable-precache",
    apply: "build",
    buildStart() {
      this.emitFile({ type: "chunk", id: "src/sw/service-worker.ts", fileName: "sw.js" });
    },
    generateBundle(_options, bundle) {
      const emitted = Object.keys(bundle).filter((f) => f !== "sw.js" && !f.endsWith(".map"));
      const files = [...new Set(["./", "index.html", "favicon.svg", ...emitted])].sort();
      const version = createHash("sha256").update(files.join("\n")).digest("hex").slice(0, 12);
      const sw = bundle["sw.js"];
      if (sw && sw.type === "chunk") {
        sw.code = `const __PRECACHE__ = ${JSON.stringify({ version, files })};\n${sw.code}`;
      }
    },
  };
}

/**
 * Fails the build when index.html's Content-Security-Policy meta tag is missing or differs from
 * {@link CONTENT_SECURITY_POLICY}, the policy the preview server and the browser tests send as a header.
 */
function csp(): Plugin {
  return {
    name: "reachable-csp",
    apply: "build",
    transformIndexHtml(html) {
      const tags = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
      // Two policies would both apply, the stricter winning: exactly one, and the one in src/csp.ts.
      if (tags.length !== 1)
        throw new Error(`index.html needs exactly one Content-Security-Policy meta tag (has ${tags.length})`);
      const m = tags[0]!;
      if (m[1] !== CONTENT_SECURITY_POLICY) {
        throw new Error(
          `index.html's Content-Security-Policy differs from src/csp.ts:\n  index.html: ${m[1]}\n  src/csp.ts: ${CONTENT_SECURITY_POLICY}`,
        );
      }
      return html;
    },
  };
}

export default defineConfig({
  plugins: [solid(), precache(), csp()],
  // Names the build (`REACHABLE_BUILD`, else the package version); the page carries it as
  // <html data-build>, which tells which deploy a tab runs.
  define: {
    __APP_BUILD__: JSON.stringify(process.env.REACHABLE_BUILD ?? process.env.npm_package_version ?? "dev"),
  },
  // Zod never probes for eval (forbidden by the CSP): see src/kernel/zod-config.ts and zod-jitless.ts.
  resolve: {
    alias: [
      {
        find: /^zod\/mini$/,
        replacement: fileURLToPath(new URL("./src/kernel/zod-jitless.ts", import.meta.url)),
      },
    ],
  },
  preview: { headers: { "Content-Security-Policy": CONTENT_SECURITY_POLICY } },
  base: "./",
  build: { target: "es2022", sourcemap: true },
  worker: { format: "es" },
  test: {
    environment: "node",
    // Two at once: the browser files still run one at a time (their project sets fileParallelism
    // false), and the unit files run beside them instead of after them. Vitest's default on 2 cores is
    // one worker (cores − 1), which ran the whole suite in series.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/browser/**"],
          environment: "node",
          // A backstop, not a claim: a model test that samples thousands of runs must not fail on a
          // loaded 2-core machine (CI runs the suite beside a second copy of itself once).
          testTimeout: 60_000,
          // One module graph per worker, not per file: the files share no mutable state (they pass
          // shuffled, `--sequence.shuffle`), and re-importing the models and the repository's library
          // for each of ~90 files was most of the unit run (105 -> 60 s wall, 146 -> 90 CPU-s alone).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          environment: "node",
          // Backstops sized for a loaded 2-core machine; each step waits on an event or a condition.
          testTimeout: 180_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 60_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
