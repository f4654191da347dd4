import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { createTerminal } from "..";

/**
 * od against the real GNU od of this machine (coreutils 9.1; Ubuntu 22.04's 8.32 prints these forms
 * the same): the bytes of stdout and stderr and the exit status, for the forms a learner types to
 * look at bytes (a base64-decoded secret, a certificate's DER, a file with a stray \r).
 */
const GNU_OD = "/usr/bin/od";
const GNU_ENV = { ...process.env, LC_ALL: "C.UTF-8", PATH: "/usr/bin:/bin" };

const INPUTS: Record<string, Buffer> = {
  text: Buffer.from("AB\n"),
  secret: Buffer.from("password123\r\n"),
  binary: Buffer.from([0, 1, 2, 7, 8, 9, 10, 11, 12, 13, 27, 31, 32, 65, 126, 127, 128, 200, 255, 0x80, 0x3f, 0xcd, 0xcc, 0xcc, 0x3d, 0, 0, 0xc0, 0x7f, 0, 0, 0x80, 0xff]),
  repeated: Buffer.concat([Buffer.alloc(48, 0x41), Buffer.from("tail\n"), Buffer.alloc(32, 0)]),
  utf8: Buffer.from("héllo wörld ✓\n"),
  odd: Buffer.from("ABCDE"),
  empty: Buffer.alloc(0),
};

const FORMS: string[][] = [
  [], ["-c"], ["-tx1"], ["-t", "x1"], ["-An", "-tx1"], ["-An", "-c"], ["-x"], ["-b"], ["-d"], ["-o"], ["-s"], ["-i"], ["-l"], ["-a"],
  ["-tx1z"], ["-tx2"], ["-tx4"], ["-tx8"], ["-td1"], ["-td2"], ["-tu4"], ["-to4"], ["-tdL"], ["-tuC"],
  ["-tx1", "-c"], ["-c", "-tx1"], ["-tx1", "-td2", "-to4"], ["-tcx1"], ["-bc"],
  ["-Ax", "-tx1"], ["-Ad", "-c"], ["-Ao"], ["--address-radix=x", "--format=x1"],
  ["-v", "-c"], ["-w8", "-tx1"], ["-w4", "-c"], ["-w", "-tx1"], ["-w6", "-tx4"],
  ["-j2", "-c"], ["-N4", "-tx1"], ["-j1", "-N3", "-Ad", "-tx1"], ["-j", "0x2", "-c"], ["--skip-bytes=1", "--read-bytes=2", "-c"],
  ["--endian=big", "-tx2"], ["-tf4"], ["-tf8"], ["-f"], ["-tfF"],
  ["-tq"], ["-t", "x3"], ["-Az"], ["-Q"], ["-j999", "-c"],
];

/** What GNU od prints; a file operand is named as the terminal's (/tmp/NAME), so error texts compare. */
function realOd(args: string[], input: Buffer): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(GNU_OD, args, { input, env: GNU_ENV });
  return { stdout: r.stdout.toString("latin1"), stderr: r.stderr.toString("utf8").replace(/\/usr\/bin\/od\b/g, "od"), status: r.status ?? -1 };
}

describe.skipIf(!existsSync(GNU_OD))("od prints what GNU od prints", () => {
  it("on stdin and on a file, for every form and input", async () => {
    const terminal = createTerminal(Environment.create());
    await terminal.ready;
    const mismatches: string[] = [];
    for (const [name, bytes] of Object.entries(INPUTS)) {
      const hex = [...bytes].map((b) => `\\x${b.toString(16).padStart(2, "0")}`).join("");
      await terminal.exec(`printf '${hex}' > /tmp/${name}`);
      for (const form of FORMS) {
        const expected = realOd(form, bytes);
        const words = form.map((w) => `'${w}'`).join(" ");
        for (const line of [`od ${words} < /tmp/${name}`, `od ${words} /tmp/${name}`]) {
          let stdout = "";
          let stderr = "";
          const r = await terminal.exec(line, (data, stream) => (stream === "stdout" ? (stdout += data) : (stderr += data)));
          const got = { stdout, stderr, status: r.exitCode };
          if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(`${line}\n  want ${JSON.stringify(expected)}\n  got  ${JSON.stringify(got)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);
});

