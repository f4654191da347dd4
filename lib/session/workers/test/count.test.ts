// KUBECOACH_SESSION_WORKERS as an operator sets it: unset means one worker per core, 0 keeps
// sessions on the server thread, anything else that is not a whole number stops the server with a message.
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { sessionWorkerCount } from "../count";

describe("KUBECOACH_SESSION_WORKERS", () => {
  it("defaults to one worker per core and takes 0 for no worker threads", () => {
    expect(sessionWorkerCount(undefined)).toBe(availableParallelism());
    expect(sessionWorkerCount(" ")).toBe(availableParallelism());
    expect(sessionWorkerCount("0")).toBe(0);
    expect(sessionWorkerCount("3")).toBe(3);
  });

  it("refuses values that are not whole numbers, naming the variable", () => {
    expect(() => sessionWorkerCount("two")).toThrow('KUBECOACH_SESSION_WORKERS must be a whole number (0 = no worker threads), not "two"');
    expect(() => sessionWorkerCount("-1")).toThrow(/whole number/);
    expect(() => sessionWorkerCount("1.5")).toThrow(/whole number/);
  });
});
