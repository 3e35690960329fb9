/**
 * `zod/mini` as the app's bundles see it (vite.config.ts aliases that specifier here): zod's
 * tree-shakable functional API with jitless mode set before any of its code runs. See zod-config.ts for
 * why jitless. The schemas use `zod/mini`, not classic `zod`, because every classic schema carries all
 * of zod's methods (JSON Schema conversion included), which no bundler can drop: about 24 KB gzipped
 * on the first screen against about 7 KB.
 */
import "./zod-config.ts";

export * from "zod/v4/mini";
