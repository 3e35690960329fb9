import { parentPort } from "node:worker_threads";
import { evaluateGuarded, type FileTask } from "./lib/evaluate-file.ts";

/** Worker thread: evaluates the files it is sent, one message each. */
parentPort!.on("message", (msg: { index: number; task: FileTask }) => {
  parentPort!.postMessage({ index: msg.index, outcome: evaluateGuarded(msg.task) });
});
