import type { HostFileSystem } from "../hosts/filesystem";
import { klogAtLineTime } from "./klog";
import type { OutputLine } from "./process/types";

/**
 * Container logs where the kubelet keeps them, in the CRI format containerd writes:
 * /var/log/pods/<namespace>_<pod>_<uid>/<container>/<restart>.log, one
 * "<RFC3339Nano> <stdout|stderr> F <text>" line per output line, with the /var/log/containers
 * symlink. `kubectl logs`, `crictl logs` and `cat` on the node all read the same file.
 */
const ROTATE_BYTES = 2 * 1024 * 1024;

export function podLogDir(namespace: string, name: string, uid: string): string {
  return `/var/log/pods/${namespace}_${name}_${uid}`;
}

export function containerLogPath(namespace: string, name: string, uid: string, container: string, restart: number): string {
  return `${podLogDir(namespace, name, uid)}/${container}/${restart}.log`;
}

/** Go's time.RFC3339Nano: fractional seconds with trailing zeros trimmed. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, "");
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ""}Z`;
}

export function appendLogLines(fs: HostFileSystem, path: string, lines: OutputLine[]): void {
  if (lines.length === 0) return;
  const text = lines.map((l) => `${rfc3339Nano(l.at)} ${l.stream} F ${l.text}\n`).join("");
  const current = fs.readFileSync(path);
  if (current === undefined) {
    fs.writeFileSync(path, text);
    return;
  }
  let next = current + text;
  if (next.length > ROTATE_BYTES) next = next.slice(next.indexOf("\n", next.length - ROTATE_BYTES / 2) + 1);
  fs.writeFileSync(path, next);
}

export interface LogEntry {
  time: string;
  ms: number;
  stream: "stdout" | "stderr";
  text: string;
}

export function parseLogFile(content: string | undefined): LogEntry[] {
  if (!content) return [];
  const out: LogEntry[] = [];
  for (const line of content.split("\n")) {
    const m = /^(\S+) (stdout|stderr) [FP] (.*)$/.exec(line);
    if (!m) continue;
    const ms = Date.parse(m[1]);
    out.push({ time: m[1], ms, stream: m[2] as "stdout" | "stderr", text: klogAtLineTime(m[3], ms) });
  }
  return out;
}

export interface LogOptions {
  tailLines?: number;
  sinceMs?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

export function renderLogs(entries: LogEntry[], options: LogOptions): string {
  let selected = entries;
  if (options.sinceMs !== undefined) selected = selected.filter((e) => e.ms >= options.sinceMs!);
  if (options.tailLines !== undefined && options.tailLines >= 0) selected = options.tailLines === 0 ? [] : selected.slice(-options.tailLines);
  let text = selected.map((e) => `${options.timestamps ? `${e.time} ` : ""}${e.text}\n`).join("");
  if (options.limitBytes !== undefined && text.length > options.limitBytes) text = text.slice(0, options.limitBytes);
  return text;
}
