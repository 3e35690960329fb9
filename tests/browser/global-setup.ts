import type { TestProject } from "vitest/node";
import { launchBrowserServer } from "./harness.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The shared Chromium's WebSocket address (`chromium.connect`), for suite.ts. */
    browserWSEndpoint: string;
  }
}

/**
 * The browser project's one Chromium: started before the first browser test file and closed after the
 * last; each file connects to it and works in contexts of its own (fresh storage per page, as before).
 * A missing Chromium fails here, loudly, and so every browser file with it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await launchBrowserServer();
  project.provide("browserWSEndpoint", server.wsEndpoint());
  return async () => {
    await server.close();
  };
}
