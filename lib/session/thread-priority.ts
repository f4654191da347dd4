import { readlinkSync } from "node:fs";
import { constants, setPriority } from "node:os";

/**
 * Makes the calling thread yield the CPU to every normal one: Linux keeps a nice value per thread,
 * and /proc/thread-self names this thread's id. Background work (the template-warming threads)
 * then takes only what the threads serving learners leave, instead of an equal share of the cores
 * while hundreds of terminals wait. Returns false where that is not possible (not Linux, no /proc):
 * the thread then keeps the default priority.
 */
export function yieldCpuToOtherThreads(): boolean {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, constants.priority.PRIORITY_LOW);
    return true;
  } catch {
    return false;
  }
}
