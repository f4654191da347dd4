import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { loggerOptions } from "./log";

function capture(): { log: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const log = pino({ ...loggerOptions, level: "info" }, stream);
  return { log, lines: () => chunks.join("").trim().split("\n").map((l) => JSON.parse(l)) };
}

describe("logs", () => {
  it("never contain passwords, tokens, cookies or secrets", () => {
    const { log, lines } = capture();
    log.info({ password: "hunter2-hunter2", user: { passwordHash: "$2b$12$abc", token: "t0k" }, req: { headers: { cookie: "next-auth.session-token=abc" } } }, "x");
    const text = JSON.stringify(lines());
    for (const secret of ["hunter2", "$2b$12$abc", "t0k", "session-token=abc"]) expect(text).not.toContain(secret);
    expect(text).toContain("[redacted]");
  });

  it("keep an error's message, stack and cause", () => {
    const { log, lines } = capture();
    log.error({ err: new Error("outer", { cause: new Error("inner") }) }, "failed");
    const [line] = lines();
    const err = line!.err as { message: string; stack: string };
    expect(err.message).toContain("outer");
    expect(err.stack).toMatch(/Error: outer/);
    expect(JSON.stringify(line)).toContain("inner");
  });
});
