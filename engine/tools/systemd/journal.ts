import type { Host } from "../../hosts/host";
import type { JournalEntry } from "../../hosts/services";
import { isoTimestamp, journalTimestamp } from "./time";

export type JournalFormat = "short" | "short-iso" | "cat" | "short-precise" | "json";

/** One journal line in journalctl's output formats. */
export function journalLine(host: Host, e: JournalEntry, format: JournalFormat, hostname = true): string {
  const who = `${e.identifier ?? e.unit}${e.pid !== undefined ? `[${e.pid}]` : ""}`;
  const where = hostname ? ` ${host.name}` : "";
  switch (format) {
    case "cat":
      return e.message;
    case "short-iso":
      return `${isoTimestamp(e.time)}${where} ${who}: ${e.message}`;
    case "short-precise":
      return `${journalTimestamp(e.time)}.${String((e.time % 1000) * 1000).padStart(6, "0")}${where} ${who}: ${e.message}`;
    case "json":
      return JSON.stringify({
        __REALTIME_TIMESTAMP: String(e.time * 1000),
        _HOSTNAME: host.name,
        SYSLOG_IDENTIFIER: e.identifier ?? e.unit,
        ...(e.pid !== undefined ? { _PID: String(e.pid) } : {}),
        _SYSTEMD_UNIT: `${e.unit}.service`,
        MESSAGE: e.message,
      });
    default:
      return `${journalTimestamp(e.time)}${where} ${who}: ${e.message}`;
  }
}
