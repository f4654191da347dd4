import type { Host } from "../../hosts/host";
import type { UnitState } from "../../hosts/services";
import { directive, directives, execStart, expandedCommand, findUnitFiles, loadNewUnits, shortName, unitName, type UnitFiles } from "../../hosts/unit-files";
import type { Program, ProgramContext } from "../../process/types";
import { journalLine } from "./journal";
import { relative, systemdTimestamp } from "./time";

/**
 * systemctl (systemd 249, Ubuntu 22.04) over the host's ServiceManager: status with the ●/○/×
 * line, Loaded/Drop-In/Active/Main PID/CGroup and the last journal lines; start, stop, restart,
 * enable, disable, daemon-reload, is-active, is-enabled, is-failed, list-units, list-unit-files,
 * cat, show and edit (through the editor protocol).
 */
const COLOR = { green: "\x1b[0;1;32m", red: "\x1b[0;1;31m", reset: "\x1b[0m" };

interface Flags {
  all: boolean;
  quiet: boolean;
  lines: number;
  now: boolean;
  type?: string;
  state?: string;
  properties: string[];
  noLegend: boolean;
}

function parse(args: string[]): { verb?: string; units: string[]; flags: Flags; error?: string } {
  const flags: Flags = { all: false, quiet: false, lines: 10, now: false, properties: [], noLegend: false };
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-a" || a === "--all") flags.all = true;
    else if (a === "-q" || a === "--quiet") flags.quiet = true;
    else if (a === "--now") flags.now = true;
    else if (a === "--no-pager" || a === "-l" || a === "--full" || a === "--no-ask-password" || a === "--system" || a === "--plain") continue;
    else if (a === "--no-legend") flags.noLegend = true;
    else if (a === "-n" || a === "--lines") flags.lines = Number(args[++i]);
    else if (a.startsWith("--lines=")) flags.lines = Number(a.slice(8));
    else if (/^-n\d+$/.test(a)) flags.lines = Number(a.slice(2));
    else if (a === "-t" || a === "--type") flags.type = args[++i];
    else if (a.startsWith("--type=")) flags.type = a.slice(7);
    else if (a.startsWith("--state=")) flags.state = a.slice(8);
    else if (a === "-p" || a === "--property") flags.properties.push(...(args[++i] ?? "").split(","));
    else if (a.startsWith("--property=")) flags.properties.push(...a.slice(11).split(","));
    else if (a.startsWith("-")) return { units: [], flags, error: `systemctl: unrecognized option '${a}'` };
    else rest.push(a);
  }
  return { verb: rest[0], units: rest.slice(1), flags };
}

function dot(unit: UnitState, tty: boolean): string {
  if (unit.active === "active") return tty ? `${COLOR.green}●${COLOR.reset}` : "●";
  if (unit.active === "failed") return tty ? `${COLOR.red}×${COLOR.reset}` : "×";
  if (unit.active === "activating") return "●";
  return "○";
}

function activeText(unit: UnitState, now: number, tty: boolean): string {
  const since = `since ${systemdTimestamp(unit.since)}; ${relative(now - unit.since)}`;
  const paint = (color: string, text: string) => (tty ? `${color}${text}${COLOR.reset}` : text);
  switch (unit.active) {
    case "active":
      return `${paint(COLOR.green, "active (running)")} ${since}`;
    case "failed":
      return `${paint(COLOR.red, `failed (Result: ${resultWord(unit)})`)} ${since}`;
    case "activating":
      return `activating (${unit.sub}) (Result: ${resultWord(unit)}) ${since}`;
    default:
      return unit.restarts !== undefined || unit.lastPid !== undefined ? `inactive (dead) ${since}` : "inactive (dead)";
  }
}

function resultWord(unit: UnitState): string {
  return unit.result && /^[a-z-]+$/.test(unit.result) ? unit.result : "exit-code";
}

/** Stable per-unit resource figures (the simulation does not meter them). */
function resources(unit: UnitState, now: number): { tasks: number; memory: string; cpu: string } {
  const table: Record<string, [number, number]> = { kubelet: [13, 38.6], containerd: [11, 52.4], ssh: [1, 6.1], cron: [1, 0.4], rsyslog: [4, 2.3], "systemd-journald": [1, 14.8], "systemd-resolved": [1, 6.8], "systemd-timesyncd": [2, 1.3], "systemd-logind": [1, 1.7] };
  const [tasks, mem] = table[unit.name] ?? [1, 3.2];
  const seconds = ((now - unit.since) / 1000) * (unit.name === "kubelet" || unit.name === "containerd" ? 0.02 : 0.0005);
  return { tasks, memory: `${mem.toFixed(1)}M`, cpu: seconds >= 1 ? `${seconds.toFixed(3)}s` : `${Math.max(1, Math.round(seconds * 1000))}ms` };
}

function status(host: Host, unit: UnitState, files: UnitFiles, now: number, lines: number, tty: boolean): string {
  const name = unitName(unit.name);
  const out: string[] = [`${dot(unit, tty)} ${name} - ${unit.description}`];
  const path = files.path ?? `/lib/systemd/system/${name}`;
  out.push(`     Loaded: loaded (${path}; ${unit.enabled ? "enabled" : "disabled"}; vendor preset: enabled)`);
  const byDir = new Map<string, string[]>();
  for (const d of files.dropIns) byDir.set(d.dir, [...(byDir.get(d.dir) ?? []), d.name]);
  let first = true;
  for (const [dir, names] of byDir) {
    out.push(`${first ? "    Drop-In: " : "             "}${dir}`);
    out.push(`             └─${names.join(", ")}`);
    first = false;
  }
  out.push(`     Active: ${activeText(unit, now, tty)}`);
  const docs = directives(files, "Unit").filter(([k]) => k === "Documentation").flatMap(([, v]) => v.split(/\s+/));
  docs.forEach((d, i) => out.push(`${i === 0 ? "       Docs: " : "             "}${d}`));
  const command = expandedCommand(host.fs, files);
  const exe = (execStart(files) ?? `/usr/bin/${unit.name}`).replace(/^[-@:+!]+/, "").split(/\s+/)[0];
  const comm = exe.slice(exe.lastIndexOf("/") + 1).slice(0, 15);
  if (unit.active === "active" && unit.mainPid !== undefined) {
    const r = resources(unit, now);
    out.push(`   Main PID: ${unit.mainPid} (${comm})`);
    out.push(`      Tasks: ${r.tasks} (limit: 4557)`);
    out.push(`     Memory: ${r.memory}`);
    out.push(`        CPU: ${r.cpu}`);
    out.push(`     CGroup: /system.slice/${name}`);
    out.push(`             └─${unit.mainPid} ${command ?? exe}`);
  } else if (unit.lastPid !== undefined && (unit.active === "failed" || unit.active === "activating")) {
    out.push(`    Process: ${unit.lastPid} ExecStart=${execStart(files) ?? exe} (code=exited, status=${unit.exitStatus ?? "1/FAILURE"})`);
    out.push(`   Main PID: ${unit.lastPid} (code=exited, status=${unit.exitStatus ?? "1/FAILURE"})`);
    out.push(`        CPU: ${40 + (unit.lastPid % 60)}ms`);
  } else if (unit.lastPid !== undefined) {
    out.push(`    Process: ${unit.lastPid} ExecStart=${execStart(files) ?? exe} (code=killed, signal=TERM)`);
    out.push(`   Main PID: ${unit.lastPid} (code=killed, signal=TERM)`);
  }
  const journal = host.services.entries(unit.name).slice(-Math.max(0, lines));
  if (journal.length > 0 && lines > 0) {
    out.push("");
    for (const e of journal) out.push(journalLine(host, e, "short"));
  }
  return `${out.join("\n")}\n`;
}

function requireRoot(ctx: ProgramContext, verb: string, name: string): boolean {
  if (ctx.user === "root") return true;
  ctx.stderr(`==== AUTHENTICATING FOR org.freedesktop.systemd1.manage-units ===\nAuthentication is required to ${verb} '${name}'.\nAuthenticating as: ${ctx.user}\nPassword: \npolkit-agent-helper-1: pam_authenticate failed: Authentication failure\n==== AUTHENTICATION FAILED ===\nFailed to ${verb} ${name}: Access denied\nSee system logs and 'systemctl status ${name}' for details.\n`);
  return false;
}

export const systemctl: Program = async (ctx) => {
  const host = ctx.host;
  const { verb, units, flags, error } = parse(ctx.args);
  if (error) {
    ctx.stderr(`${error}\n`);
    return 1;
  }
  const now = ctx.environment.clock.now();
  const tty = ctx.terminal.isTTY;
  const settle = () => {
    for (const c of ctx.environment.clusters.values()) c.settle();
  };
  const lookup = (u: string) => {
    let unit = host.services.get(shortName(u));
    if (!unit) {
      loadNewUnits(host);
      unit = host.services.get(shortName(u));
    }
    return unit;
  };
  switch (verb ?? "list-units") {
    case "status": {
      if (units.length === 0) {
        const failed = host.services.all().filter((u) => u.active === "failed").length;
        ctx.stdout(`● ${host.name}\n    State: ${failed ? "degraded" : "running"}\n     Jobs: 0 queued\n   Failed: ${failed} units\n    Since: ${systemdTimestamp(bootTime(ctx))}; ${relative(now - bootTime(ctx))}\n   CGroup: /\n`);
        return 0;
      }
      let code = 0;
      const blocks: string[] = [];
      for (const u of units) {
        const unit = lookup(u);
        if (!unit) {
          ctx.stderr(`Unit ${unitName(u)} could not be found.\n`);
          code = 4;
          continue;
        }
        blocks.push(status(host, unit, findUnitFiles(host.fs, unit.name), now, flags.lines, tty));
        if (unit.active !== "active" && code === 0) code = 3;
      }
      ctx.stdout(blocks.join("\n"));
      return code;
    }
    case "start":
    case "stop":
    case "restart":
    case "reload":
    case "try-restart":
    case "reload-or-restart": {
      if (units.length === 0) {
        ctx.stderr(`Too few arguments.\n`);
        return 1;
      }
      let code = 0;
      for (const u of units) {
        const name = unitName(u);
        const unit = lookup(u);
        if (!requireRoot(ctx, verb === "stop" ? "stop" : verb === "start" ? "start" : verb!, name)) return 1;
        if (!unit) {
          ctx.stderr(`Failed to ${verb} ${name}: Unit ${name} not found.\n`);
          code = 5;
          continue;
        }
        if (verb === "stop") host.services.stop(unit.name);
        else if (verb === "start") host.services.start(unit.name);
        else if (verb === "try-restart" && unit.active !== "active") continue;
        else host.services.restart(unit.name);
        settle();
        if (verb !== "stop" && host.services.get(unit.name)?.active === "failed") {
          ctx.stderr(`Job for ${name} failed because the control process exited with error code.\nSee "systemctl status ${name}" and "journalctl -xeu ${name}" for details.\n`);
          code = 1;
        }
      }
      return code;
    }
    case "enable":
    case "disable": {
      let code = 0;
      for (const u of units) {
        const name = unitName(u);
        const unit = lookup(u);
        if (!unit) {
          ctx.stderr(`Failed to ${verb} unit: Unit file ${name} does not exist.\n`);
          code = 1;
          continue;
        }
        if (!requireRoot(ctx, `${verb}`, name)) return 1;
        const files = findUnitFiles(host.fs, unit.name);
        const wantedBy = directive(files, "Install", "WantedBy") ?? "multi-user.target";
        const link = `/etc/systemd/system/${wantedBy}.wants/${name}`;
        const target = files.path ? files.path.replace(/^\/lib\//, "/usr/lib/") : `/usr/lib/systemd/system/${name}`;
        if (verb === "enable" && !unit.enabled) {
          host.fs.mkdirSync(`/etc/systemd/system/${wantedBy}.wants`, { recursive: true });
          if (!host.fs.existsSync(link)) await host.fs.symlink(target, link);
          ctx.stderr(`Created symlink ${link} → ${files.path ?? target}.\n`);
        } else if (verb === "disable" && unit.enabled) {
          host.fs.rmSync(link, { force: true });
          ctx.stderr(`Removed ${link}.\n`);
        }
        host.services.setEnabled(unit.name, verb === "enable");
        if (flags.now) {
          if (verb === "enable") host.services.start(unit.name);
          else host.services.stop(unit.name);
          settle();
        }
      }
      return code;
    }
    case "daemon-reload":
    case "daemon-reexec":
      if (ctx.user !== "root") return requireRoot(ctx, "reload", "the daemon") ? 0 : 1;
      loadNewUnits(host);
      return 0;
    case "is-active":
    case "is-failed": {
      let match = false;
      for (const u of units) {
        const state = lookup(u)?.active ?? "inactive";
        if (!flags.quiet) ctx.stdout(`${state}\n`);
        if (verb === "is-active" ? state === "active" : state === "failed") match = true;
      }
      return match ? 0 : verb === "is-active" ? 3 : 1;
    }
    case "is-enabled": {
      let enabled = false;
      for (const u of units) {
        const unit = lookup(u);
        if (!unit) {
          ctx.stderr(`Failed to get unit file state for ${unitName(u)}: No such file or directory\n`);
          return 1;
        }
        if (!flags.quiet) ctx.stdout(`${unit.enabled ? "enabled" : "disabled"}\n`);
        enabled ||= unit.enabled;
      }
      return enabled ? 0 : 1;
    }
    case "list-units":
      return listUnits(ctx, host, flags, units);
    case "list-unit-files": {
      loadNewUnits(host);
      const all = host.services.all().sort((a, b) => (a.name < b.name ? -1 : 1));
      const width = Math.max(9, ...all.map((u) => unitName(u.name).length));
      const lines = all.map((u) => `${unitName(u.name).padEnd(width)} ${(u.enabled ? "enabled" : "disabled").padEnd(8)} enabled`);
      ctx.stdout(`${"UNIT FILE".padEnd(width)} STATE    VENDOR PRESET\n${lines.join("\n")}\n\n${all.length} unit files listed.\n`);
      return 0;
    }
    case "cat": {
      let code = 0;
      const parts: string[] = [];
      for (const u of units) {
        const files = findUnitFiles(host.fs, u);
        if (!files.path) {
          ctx.stderr(`No files found for ${unitName(u)}.\n`);
          code = 1;
          continue;
        }
        parts.push(`# ${files.path}\n${files.content}`);
        for (const d of files.dropIns) parts.push(`\n# ${d.path}\n${d.content}`);
      }
      ctx.stdout(parts.join(""));
      return code;
    }
    case "show": {
      const unit = units[0] ? lookup(units[0]) : undefined;
      if (!unit) {
        ctx.stderr(units[0] ? `Unit ${unitName(units[0])} could not be found.\n` : "Too few arguments.\n");
        return 1;
      }
      const props: Record<string, string> = {
        Id: unitName(unit.name),
        Description: unit.description,
        LoadState: "loaded",
        ActiveState: unit.active,
        SubState: unit.sub,
        UnitFileState: unit.enabled ? "enabled" : "disabled",
        MainPID: String(unit.mainPid ?? 0),
        ExecMainPID: String(unit.mainPid ?? unit.lastPid ?? 0),
        NRestarts: String(unit.restarts ?? 0),
        Result: unit.active === "failed" ? resultWord(unit) : "success",
        FragmentPath: (findUnitFiles(host.fs, unit.name).path ?? "").replace(/^\/lib\//, "/usr/lib/"),
      };
      const wanted = flags.properties.length ? flags.properties : Object.keys(props);
      ctx.stdout(wanted.filter((p) => p in props).map((p) => `${p}=${props[p]}\n`).join(""));
      return 0;
    }
    case "edit": {
      const name = units[0];
      if (!name) {
        ctx.stderr("Too few arguments.\n");
        return 1;
      }
      if (!requireRoot(ctx, "edit", unitName(name))) return 1;
      if (!ctx.edit || !ctx.terminal.isTTY) {
        ctx.stderr("Cannot edit units if not on a tty.\n");
        return 1;
      }
      const path = `/etc/systemd/system/${unitName(name)}.d/override.conf`;
      const saved = await ctx.edit({ path, content: host.fs.readFileSync(path) ?? "", language: "text" });
      if (saved !== undefined && saved.trim()) host.fs.writeFileSync(path, saved);
      return 0;
    }
    case "mask":
    case "unmask":
    case "kill":
    case "reboot":
    case "poweroff":
    case "isolate":
      ctx.stderr(`systemctl ${verb} is not available in Kubecoach yet\n`);
      return 1;
    default:
      ctx.stderr(`Unknown command verb ${verb}.\n`);
      return 1;
  }
};

function bootTime(ctx: ProgramContext): number {
  return (ctx.environment.extra["hosts.bootTime"] as number | undefined) ?? ctx.environment.clock.now();
}

function listUnits(ctx: ProgramContext, host: Host, flags: Flags, patterns: string[]): number {
  let units = host.services.all().sort((a, b) => (a.name < b.name ? -1 : 1));
  if (!flags.all) units = units.filter((u) => u.active !== "inactive");
  if (flags.state) units = units.filter((u) => flags.state!.split(",").some((s) => s === u.active || s === u.sub));
  if (patterns.length) units = units.filter((u) => patterns.some((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`).test(unitName(u.name))));
  const width = Math.max(4, ...units.map((u) => unitName(u.name).length));
  const sub = Math.max(3, ...units.map((u) => u.sub.length));
  const active = Math.max(6, ...units.map((u) => u.active.length));
  const row = (mark: string, unit: string, load: string, act: string, s: string, desc: string) => `${mark} ${unit.padEnd(width)} ${load.padEnd(6)} ${act.padEnd(active)} ${s.padEnd(sub)} ${desc}`.trimEnd();
  const lines = units.map((u) => row(u.active === "failed" ? "●" : " ", unitName(u.name), "loaded", u.active, u.sub, u.description));
  if (flags.noLegend) {
    ctx.stdout(lines.length ? `${lines.join("\n")}\n` : "");
    return 0;
  }
  ctx.stdout(`${row(" ", "UNIT", "LOAD", "ACTIVE", "SUB", "DESCRIPTION")}\n${lines.join("\n")}${lines.length ? "\n" : ""}\nLOAD   = Reflects whether the unit definition was properly loaded.\nACTIVE = The high-level unit activation state, i.e. generalization of SUB.\nSUB    = The low-level unit activation state, values depend on unit type.\n${units.length} loaded units listed.${flags.all ? "" : " Pass --all to see loaded but inactive units, too."}\nTo show all installed unit files use 'systemctl list-unit-files'.\n`);
  return 0;
}
