import type { HostFileSystem } from "./filesystem";
import type { Host } from "./host";
import type { UnitState } from "./services";

/**
 * Unit files as systemd finds them: the search path in priority order, drop-in directories, and
 * the few directives the tools show (Description, Documentation, ExecStart with its Environment and
 * EnvironmentFile variables expanded, Restart).
 */
export const UNIT_DIRS = ["/etc/systemd/system", "/run/systemd/system", "/usr/local/lib/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"];

export interface UnitFiles {
  /** Path of the main unit file, as systemctl prints it (Ubuntu's /lib alias for /usr/lib). */
  path?: string;
  content?: string;
  dropIns: { dir: string; name: string; path: string; content: string }[];
}

export function unitName(name: string): string {
  return /\.(service|socket|timer|target|mount|path|slice|scope)$/.test(name) ? name : `${name}.service`;
}

export function shortName(name: string): string {
  return name.replace(/\.service$/, "");
}

/** systemctl shows packaged units under /lib (Ubuntu's merged /usr makes both paths the same file). */
function displayPath(path: string): string {
  return path.startsWith("/usr/lib/systemd/system/") ? path.slice(4) : path;
}

export function findUnitFiles(fs: HostFileSystem, name: string): UnitFiles {
  const full = unitName(name);
  const out: UnitFiles = { dropIns: [] };
  for (const dir of UNIT_DIRS) {
    const path = `${dir}/${full}`;
    if (out.path === undefined && fs.isFileSync(path)) {
      out.path = displayPath(path);
      out.content = fs.readFileSync(path);
    }
  }
  const seen = new Set<string>();
  for (const dir of UNIT_DIRS) {
    const d = `${dir}/${full}.d`;
    if (!fs.isDirectorySync(d)) continue;
    for (const entry of fs.readdirSync(d)) {
      if (!entry.endsWith(".conf") || seen.has(entry)) continue;
      seen.add(entry);
      out.dropIns.push({ dir: d, name: entry, path: `${d}/${entry}`, content: fs.readFileSync(`${d}/${entry}`) ?? "" });
    }
  }
  out.dropIns.sort((a, b) => (a.name < b.name ? -1 : 1));
  return out;
}

/** Directives of a section across the unit file and its drop-ins, in the order systemd reads them. */
export function directives(files: UnitFiles, section: string): [string, string][] {
  const out: [string, string][] = [];
  for (const text of [files.content ?? "", ...files.dropIns.map((d) => d.content)]) {
    let current = "";
    let pending = "";
    for (const raw of text.split("\n")) {
      const line = pending + raw.trim();
      if (line.endsWith("\\")) {
        pending = `${line.slice(0, -1)} `;
        continue;
      }
      pending = "";
      if (!line || line.startsWith("#") || line.startsWith(";")) continue;
      const header = /^\[(.+)\]$/.exec(line);
      if (header) {
        current = header[1];
        continue;
      }
      if (current !== section) continue;
      const eq = line.indexOf("=");
      if (eq > 0) out.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
    }
  }
  return out;
}

export function directive(files: UnitFiles, section: string, key: string): string | undefined {
  const all = directives(files, section).filter(([k]) => k === key);
  return all.length ? all[all.length - 1][1] : undefined;
}

/** The effective ExecStart: an empty `ExecStart=` in a drop-in resets the list. */
export function execStart(files: UnitFiles): string | undefined {
  let value: string | undefined;
  for (const [k, v] of directives(files, "Service")) if (k === "ExecStart") value = v || undefined;
  return value;
}

/** ExecStart with $VARS from Environment= and EnvironmentFile= substituted, as the CGroup line shows it. */
export function expandedCommand(fs: HostFileSystem, files: UnitFiles): string | undefined {
  const exec = execStart(files);
  if (!exec) return undefined;
  const vars: Record<string, string> = {};
  for (const [k, v] of directives(files, "Service")) {
    if (k === "Environment") {
      for (const m of v.matchAll(/"([^"=]+)=([^"]*)"|([^\s"=]+)=(\S*)/g)) vars[m[1] ?? m[3]] = m[2] ?? m[4];
    } else if (k === "EnvironmentFile") {
      const text = fs.readFileSync(v.replace(/^-/, ""));
      for (const line of (text ?? "").split("\n")) {
        const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
        if (m) vars[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
      }
    }
  }
  const expanded = exec.replace(/^[-@:+!]+/, "").replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, n) => vars[n] ?? "");
  return expanded.split(/\s+/).filter(Boolean).join(" ");
}

/** Defines units for service files nobody has defined yet (a learner's own unit, after daemon-reload). */
export function loadNewUnits(host: Host): void {
  for (const dir of UNIT_DIRS) {
    if (!host.fs.isDirectorySync(dir)) continue;
    for (const entry of host.fs.readdirSync(dir)) {
      if (!entry.endsWith(".service") || !host.fs.isFileSync(`${dir}/${entry}`)) continue;
      const name = shortName(entry);
      if (host.services.get(name)) continue;
      const files = findUnitFiles(host.fs, name);
      host.services.define(name, directive(files, "Unit", "Description") ?? entry, { active: false, enabled: false });
    }
  }
}

export function unitFileState(host: Host, unit: UnitState): "enabled" | "disabled" | "static" {
  return unit.enabled ? "enabled" : "disabled";
}
