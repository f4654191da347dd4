import { lookupImage, parseImageRef } from "../images";
import type { ScriptHost } from "./shell/host";
import { runScript } from "./shell/run";
import type { ProcessState, StepResult } from "./types";

/**
 * Advances a process to `now`: writes the output that is due, runs its script, and reports when it
 * exits or next needs attention. Memory beyond `memoryLimitMiB` ends it as the kernel would (OOM).
 */
export type ProcessHost = Omit<ScriptHost, "serve" | "allocate" | "selfListening">;

const OOM_AFTER_MS = 300;

export function stepProcess(proc: ProcessState, host: ProcessHost, now: number, memoryLimitMiB?: number): StepResult {
  const result: StepResult = { output: [] };
  const due = proc.pending.filter((l) => l.at <= now);
  if (due.length) {
    result.output.push(...due);
    proc.pending = proc.pending.filter((l) => l.at > now);
  }
  if (proc.pending.length) result.wakeAt = proc.pending[0].at;

  if (proc.script && proc.exitAt === undefined) {
    const scriptHost: ScriptHost = {
      ...host,
      serve: (argv) => {
        const program = argv[0].replace(/^.*\//, "");
        if (program === "nc") {
          const p = Number(argv[argv.indexOf("-p") + 1] ?? argv[argv.length - 1]);
          if (p) proc.listens.push({ port: p, protocol: "TCP" });
          return true;
        }
        if (/^python3?$/.test(program)) {
          proc.listens.push({ port: Number(argv[3] ?? 8000) || 8000, protocol: "TCP", http: { documentRoot: host.fs.isDirectory("/") ? "/" : "/" } });
          return true;
        }
        if (program === "httpd" && argv.includes("-p")) {
          proc.listens.push({ port: Number(argv[argv.indexOf("-p") + 1]) || 80, protocol: "TCP", http: { documentRoot: argv.includes("-h") ? argv[argv.indexOf("-h") + 1] : "/var/www" } });
          return true;
        }
        const ref = parseImageRef(proc.image);
        const image = ref && lookupImage(ref);
        if (image?.found && image.image.server) {
          for (const p of image.image.server.ports) proc.listens.push({ port: p.port, protocol: p.protocol ?? "TCP", ...(p.http ? { http: p.http } : {}) });
          proc.gracefulStop = image.image.server.gracefulStop ?? false;
          return true;
        }
        return false;
      },
      allocate: (mib, cpuMillis) => {
        proc.memoryMiB += mib;
        if (cpuMillis) proc.cpuLoadMillis = (proc.cpuLoadMillis ?? 0) + cpuMillis;
      },
      selfListening: (port) => proc.listens.some((l) => l.port === port) && proc.listeningAt <= now,
    };
    const run = runScript(proc.script, scriptHost, now);
    result.output.push(...run.output);
    if (run.exit) {
      proc.exitAt = run.exit.at;
      proc.exitCode = run.exit.code;
    } else if (run.wakeAt !== undefined) {
      result.wakeAt = result.wakeAt === undefined ? run.wakeAt : Math.min(result.wakeAt, run.wakeAt);
    }
  }
  if (memoryLimitMiB !== undefined && proc.memoryMiB > memoryLimitMiB && proc.exitReason !== "OOMKilled") {
    const at = Math.max(proc.startedAt + OOM_AFTER_MS, Math.min(now, proc.exitAt ?? Infinity));
    proc.exitAt = Math.min(proc.exitAt ?? Infinity, at);
    if (proc.exitAt === at) {
      proc.exitCode = 137;
      proc.exitReason = "OOMKilled";
    }
  }
  if (proc.exitAt !== undefined) {
    if (proc.exitAt <= now) result.exit = { at: proc.exitAt, code: proc.exitCode ?? 0, ...(proc.exitReason ? { reason: proc.exitReason } : {}) };
    else result.wakeAt = result.wakeAt === undefined ? proc.exitAt : Math.min(result.wakeAt, proc.exitAt);
  }
  return result;
}
