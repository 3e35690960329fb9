import { createHash } from "node:crypto";
import type { Plugin } from "vite";
import solid from "vite-plugin-solid";
import { defineConfig } from "vitest/config";

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

export default defineConfig({
  plugins: [solid(), precache()],
  base: "./",
  build: { target: "es2022", sourcemap: true },
  worker: { format: "es" },
  test: {
    environment: "node",
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
