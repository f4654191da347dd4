// The database thread (see sqlite-rows-thread.ts): runs SqliteSessionRows' synchronous
// statements, so their disk writes and WAL checkpoints hold up this thread only.
import { parentPort, workerData } from "node:worker_threads";
import { SqliteSessionRows } from "./sqlite-session-rows";
import type { RowsReply, RowsRequest } from "./sqlite-rows-thread";

const port = parentPort;
if (!port) throw new Error("lib/db/sqlite-rows-worker.ts runs as a worker thread (see sqlite-rows-thread.ts)");
const { file, busyTimeoutMs } = workerData as { file: string; busyTimeoutMs: number };
const rows = new SqliteSessionRows(file, busyTimeoutMs);

function run(request: RowsRequest): unknown {
  switch (request.op) {
    case "load":
      return rows.load(request.owner);
    case "update":
      return rows.update(request.owner, request.row, request.timeUsedSeconds, new Date(request.at));
    case "appendCommands":
      rows.appendCommands(request.rows);
      return undefined;
  }
}

port.on("message", (request: RowsRequest | { op: "close" }) => {
  if (request.op === "close") {
    rows.close();
    port.close();
    return;
  }
  let reply: RowsReply;
  try {
    reply = { id: request.id, ok: true, value: run(request) };
  } catch (e) {
    const error = e as { message?: unknown; code?: unknown };
    reply = { id: request.id, ok: false, message: String(error?.message ?? e), ...(typeof error?.code === "string" ? { code: error.code } : {}) };
  }
  // Copied, not transferred: a Buffer better-sqlite3 made may share its memory.
  port.postMessage(reply);
});
port.postMessage({ ready: true });
