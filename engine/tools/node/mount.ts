import type { Program } from "../../process/types";
import { hostMounts } from "../proc/mounts";

/**
 * util-linux 2.37 `mount` (Ubuntu 22.04). Without a device it lists what is mounted, from the same
 * mount table /proc/mounts and `df` show (`-t TYPE[,TYPE]` keeps those types, `no` in front drops
 * them); mounting something new is refused plainly: the machines' disks are a model, not devices.
 */
export const mount: Program = async (ctx) => {
  const args = [...ctx.args];
  let types: string[] | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-t" || a === "--types") types = (args[++i] ?? "").split(",");
    else if (a.startsWith("--types=")) types = a.slice(8).split(",");
    else if (a.startsWith("-t") && a.length > 2) types = a.slice(2).split(",");
    else if (a === "-l" || a === "--show-labels" || a === "-v" || a === "--verbose") continue;
    else if (a === "-h" || a === "--help") {
      ctx.stdout("\nUsage:\n mount [-lhV]\n mount -a [options]\n mount [options] [--source] <source> | [--target] <directory>\n mount [options] <source> <directory>\n mount <operation> <mountpoint> [<target>]\n\nMount a filesystem.\n");
      return 0;
    } else if (a === "-V" || a === "--version") {
      ctx.stdout("mount from util-linux 2.37.2 (libmount 2.37.2: selinux, smack, btrfs, namespaces, assert, debug)\n");
      return 0;
    } else if (a.startsWith("-") && a !== "-a" && a !== "--all") {
      if (a === "-o" || a === "--options") i++;
      continue;
    } else operands.push(a);
  }
  if (operands.length === 0 && !args.includes("-a") && !args.includes("--all")) {
    const negate = types?.every((t) => t.startsWith("no")) ?? false;
    const wanted = (type: string) => !types || (negate ? !types.includes(`no${type}`) : types.includes(type));
    const lines = hostMounts(ctx.environment, ctx.host)
      .filter((m) => wanted(m.type))
      .map((m) => `${m.source} on ${m.target} type ${m.type} (${m.options})\n`);
    ctx.stdout(lines.join(""));
    return 0;
  }
  const target = operands[operands.length - 1] ?? "";
  if (ctx.user !== "root") {
    ctx.stderr(`mount: ${target}: must be superuser to use mount.\n`);
    return 32;
  }
  const source = operands.length > 1 ? operands[0] : undefined;
  if (source?.startsWith("/dev/") && !(await ctx.host.fs.existsSync(source)) && !hostMounts(ctx.environment, ctx.host).some((m) => m.source === source)) {
    ctx.stderr(`mount: ${target}: special device ${source} does not exist.\n`);
    return 32;
  }
  ctx.stderr(`mount: ${target}: mounting file systems is not available in Kubecoach yet.\n`);
  return 32;
};
