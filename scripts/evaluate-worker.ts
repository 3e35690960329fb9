import { parentPort } from "node:worker_threads";
import { evaluateFile, type FileTask } from "./lib/evaluate-file.ts";

/** Worker thread: evaluates the files it is sent, one message each. */
parentPort!.on("message", (msg: { index: number; task: FileTask }) => {
  let outcome: ReturnType<typeof evaluateFile>;
  try {
    outcome = evaluateFile(msg.task);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    outcome = {
      ok: false,
      issues: [
        { file: msg.task.path, path: "", message: { zh: `内部错误：${why}`, en: `internal error: ${why}` } },
      ],
    };
  }
  parentPort!.postMessage({ index: msg.index, outcome });
});
