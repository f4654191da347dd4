/**
 * klog's line header, as the kubelet and the control-plane components write their logs:
 * "I0101 00:00:05.123456    1234 server.go:530] message".
 */
export function klog(severity: "I" | "W" | "E" | "F", ms: number, pid: number, source: string, message: string): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, "0");
  const micros = String(d.getUTCMilliseconds() * 1000).padStart(6, "0");
  return `${severity}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros} ${String(pid).padStart(7, " ")} ${source}] ${message}`;
}

/** klog's header time: severity, MMDD, HH:MM:SS.micros (no year). */
const KLOG_HEADER = /^([IWEF])(\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{6})(?= )/;
/** Beyond this the header is not the moment its line was written (a setup template copied to a later start moved the line's own time, not its text). */
const HEADER_DRIFT_MS = 1000;

/**
 * A log line's text with its klog header at the line's own time `ms`. Template copies move every
 * RFC 3339 time and epoch number they hold (engine/cluster/boot-template.ts), but a klog header
 * inside a container log line or journal message names no year and is left as the template
 * wrote it; the reader puts it back in step. A header within a second of the line is kept as written.
 */
export function klogAtLineTime(text: string, ms: number): string {
  const m = KLOG_HEADER.exec(text);
  if (!m || !Number.isFinite(ms)) return text;
  const year = new Date(ms).getUTCFullYear();
  // The header's year is the line's (or the one before, for a line written just after New Year).
  let header = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Math.floor(Number(m[7]) / 1000));
  if (header - ms > 183 * 86_400_000) header = Date.UTC(year - 1, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Math.floor(Number(m[7]) / 1000));
  if (Math.abs(header - ms) <= HEADER_DRIFT_MS) return text;
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, "0");
  const micros = `${String(d.getUTCMilliseconds()).padStart(3, "0")}${m[7].slice(3)}`;
  return `${m[1]}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros}${text.slice(m[0].length)}`;
}
