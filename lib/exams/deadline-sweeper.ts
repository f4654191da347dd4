// Submits mock exams whose time is up, on the server, so a closed laptop or a lost connection
// still ends the exam at its deadline (loaded by server.ts through lib/server/route-modules.ts).
import { db } from "../db";
import { logger } from "../log";
import { registerShutdownHook } from "../server/routes";
import { sessionManager } from "../session/install";
import { ExamError, submitExpiredExams } from "./attempts";

const log = logger.child({ module: "exam-deadlines" });
const EVERY_MS = 10_000;
let running = false;

async function sweep(): Promise<void> {
  if (running) return;
  running = true;
  try {
    const submitted = await submitExpiredExams(db);
    if (submitted.length) log.info({ submitted }, "exams submitted at their deadline");
  } catch (err) {
    if (!(err instanceof ExamError)) log.error({ err }, "exam deadline sweep failed");
  } finally {
    running = false;
  }
}

// The engine host must exist before the first sweep grades anything.
sessionManager();
const timer = setInterval(() => void sweep(), EVERY_MS);
timer.unref();
registerShutdownHook("exam deadlines", async () => clearInterval(timer));
