/**
 * `zod` as the app's bundles see it (vite.config.ts aliases the bare specifier here): zod with jitless
 * mode set before any of its code runs. See zod-config.ts for why.
 */
import "./zod-config.ts";

export * from "zod/v4";
export { default } from "zod/v4";
