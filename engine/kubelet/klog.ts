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
