/**
 * The app's model worker (src/kernel/model-worker.ts, unchanged) in a Node worker thread, for
 * `npm run bench`'s `poolVsInline`: Comlink's Node adapter stands in for the Web Worker's global
 * message port, then the worker module is imported and exposes its functions exactly as in the browser.
 */
import { parentPort } from "node:worker_threads";
import { type NodePort, portOf } from "./node-port.ts";

const port = portOf(parentPort as unknown as NodePort);
Object.assign(globalThis, {
  postMessage: port.postMessage,
  addEventListener: port.addEventListener,
  removeEventListener: port.removeEventListener,
});
await import("../../src/kernel/model-worker.ts");
