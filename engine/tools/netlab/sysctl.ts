import type { IFileSystem } from "just-bash";
import { kernelParameters, setKernelParameter } from "../../hosts/kernel";
import type { Program, ProgramContext } from "../../process/types";
import { namespaceOf } from "./ip";
import { netState } from "./state";

/**
 * procps `sysctl` over the host's kernel parameters (and, inside `ip netns exec`, the namespace's
 * own net.ipv4.ip_forward): read, -w, -a, -n, -p FILE and --system, as root for writes.
 */
const PER_NAMESPACE = new Set(["net.ipv4.ip_forward", "net.ipv4.conf.all.forwarding"]);

function read(ctx: ProgramContext, name: string): string | undefined {
  const ns = namespaceOf(ctx);
  const key = name.replace(/\//g, ".");
  if (ns && PER_NAMESPACE.has(key)) return netState(ctx.environment, ctx.host).forward[ns] ?? "0";
  return kernelParameters(ctx.environment, ctx.host).get(key);
}

function write(ctx: ProgramContext, name: string, value: string): string | undefined {
  const key = name.replace(/\//g, ".");
  if (read(ctx, key) === undefined) return `sysctl: cannot stat /proc/sys/${key.replace(/\./g, "/")}: No such file or directory`;
  if (ctx.user !== "root") return `sysctl: permission denied on key "${key}"`;
  const ns = namespaceOf(ctx);
  if (ns && PER_NAMESPACE.has(key)) netState(ctx.environment, ctx.host).forward[ns] = value;
  else setKernelParameter(ctx.environment, ctx.host, key, value);
  return undefined;
}

function assignments(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.split("\n")) {
    const l = line.trim();
    if (!l || l.startsWith("#") || l.startsWith(";")) continue;
    const eq = l.indexOf("=");
    if (eq > 0) out.push([l.slice(0, eq).trim().replace(/^-/, ""), l.slice(eq + 1).trim()]);
  }
  return out;
}

async function readText(fs: IFileSystem, path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path);
  } catch {
    return undefined;
  }
}

export const sysctl: Program = async (ctx) => {
  const fs = ctx.fs ?? ctx.host.fs;
  let valuesOnly = false;
  let writeMode = false;
  let quiet = false;
  let status = 0;
  const apply = (name: string, value: string) => {
    const err = write(ctx, name, value);
    if (err) {
      ctx.stderr(`${err}\n`);
      status = 255;
    } else if (!quiet) ctx.stdout(valuesOnly ? `${value}\n` : `${name} = ${value}\n`);
  };
  const args = ctx.args;
  if (args.length === 0) {
    ctx.stderr("\nUsage:\n sysctl [options] [variable[=value] ...]\n\nOptions:\n  -a, --all            display all variables\n  -n, --values         print only values of the given variable(s)\n  -p, --load[=<file>]  read values from file\n  -w, --write          enable writing a value to variable\n      --system         read values from all system directories\n");
    return 1;
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-n" || a === "--values") valuesOnly = true;
    else if (a === "-w" || a === "--write") writeMode = true;
    else if (a === "-q" || a === "--quiet") quiet = true;
    else if (a === "-a" || a === "-A" || a === "-X" || a === "--all") {
      for (const [k, v] of kernelParameters(ctx.environment, ctx.host)) ctx.stdout(valuesOnly ? `${read(ctx, k)}\n` : `${k} = ${read(ctx, k) ?? v}\n`);
    } else if (a === "-p" || a.startsWith("--load") || a.startsWith("-p")) {
      const file = a.startsWith("--load=") ? a.slice(7) : a.length > 2 && a.startsWith("-p") ? a.slice(2) : args[i + 1] && !args[i + 1].startsWith("-") ? args[++i] : "/etc/sysctl.conf";
      const text = await readText(fs, fs.resolvePath(ctx.cwd, file));
      if (text === undefined) {
        ctx.stderr(`sysctl: cannot open "${file}": No such file or directory\n`);
        return 255;
      }
      for (const [k, v] of assignments(text)) apply(k, v);
    } else if (a === "--system") {
      const dirs = ["/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d", "/usr/lib/sysctl.d", "/lib/sysctl.d"];
      const files = new Map<string, string>();
      for (const dir of dirs) {
        let names: string[] = [];
        try {
          names = await fs.readdir(dir);
        } catch {
          continue;
        }
        for (const n of names) if (n.endsWith(".conf") && !files.has(n)) files.set(n, `${dir}/${n}`);
      }
      const ordered = [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, p]) => p);
      ordered.push("/etc/sysctl.conf");
      for (const path of ordered) {
        const text = await readText(fs, path);
        if (text === undefined) continue;
        ctx.stdout(`* Applying ${path} ...\n`);
        for (const [k, v] of assignments(text)) apply(k, v);
      }
    } else if (a.startsWith("-")) {
      ctx.stderr(`sysctl: invalid option -- '${a.replace(/^-+/, "")[0]}'\n`);
      return 1;
    } else if (a.includes("=")) {
      const eq = a.indexOf("=");
      apply(a.slice(0, eq), a.slice(eq + 1));
    } else {
      if (writeMode) {
        ctx.stderr(`sysctl: "${a}" must be of the form name=value\n`);
        status = 255;
        continue;
      }
      const v = read(ctx, a);
      if (v === undefined) {
        ctx.stderr(`sysctl: cannot stat /proc/sys/${a.replace(/\./g, "/")}: No such file or directory\n`);
        status = 255;
      } else ctx.stdout(valuesOnly ? `${v}\n` : `${a.replace(/\//g, ".")} = ${v}\n`);
    }
  }
  return status;
};
