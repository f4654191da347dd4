import type { Environment } from "../../cluster/environment";
import { openContainer } from "../../kubelet/open-container";
import { lookupImage, parseImageRef } from "../../kubelet/images";
import type { ForegroundSession, ProgramContext } from "../../process/types";
import { PROGRAMS } from "../../programs";
import { createTerminal, type TerminalSnapshot } from "../../shell";
import { nestedShell } from "../../shell/nested-shell";
import { registerForegroundRestorer } from "../../shell/foreground";
import { runScript } from "../../shell/script";

/**
 * chroot NEWROOT [COMMAND [ARG]...]: the step a `kubectl debug node/NODE` session takes to work on
 * the node itself. The debug pod mounts the node's root at /host, so `chroot /host` opens the
 * node's own shell (its files, systemd units, journal, processes) and `chroot /host CMD` runs CMD
 * there. Any other new root is refused plainly: only a directory that is a node's root filesystem
 * has the programs a shell needs in Kubecoach.
 */
const normalize = (p: string) => {
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
};

/** busybox's applet (busybox, alpine images) or GNU coreutils' (Debian, Ubuntu and the nodes). */
type Flavour = "busybox" | "gnu";

interface Resolved {
  /** The host whose root the new root is, if it is one. */
  host?: string;
  exists: boolean;
  flavour: Flavour;
}

function resolveRoot(ctx: ProgramContext, dir: string): Resolved {
  const path = normalize(dir.startsWith("/") ? dir : `${ctx.cwd}/${dir}`);
  const origin = ctx.origin;
  if (origin?.type === "pod") {
    const cluster = ctx.environment.clusters.get(origin.cluster);
    const pod = cluster?.store.get("/pods", origin.namespace, origin.pod);
    const open = cluster && pod ? openContainer(cluster, pod, origin.container ?? "") : undefined;
    if (!open) return { exists: false, flavour: "busybox" };
    const spec = [...((pod!.spec as { containers: { name: string; image?: string }[] }).containers ?? []), ...(((pod!.spec as { ephemeralContainers?: { name: string; image?: string }[] }).ephemeralContainers) ?? [])].find((c) => c.name === origin.container);
    const ref = parseImageRef(spec?.image ?? "");
    const image = ref ? lookupImage(ref) : undefined;
    const os = image?.found ? image.image.os : "busybox";
    const flavour: Flavour = os === "busybox" || os === "alpine" ? "busybox" : "gnu";
    const exists = open.fs.exists(path) && open.fs.isDirectory(path);
    return { exists, flavour, ...(open.fs.nodePath(path) === "/" ? { host: open.nodeName } : {}) };
  }
  const exists = ctx.host.fs.existsSync(path) && ctx.host.fs.isDirectorySync(path);
  return { exists, flavour: "gnu", ...(path === "/" ? { host: ctx.host.name } : {}) };
}

const USAGE: Record<Flavour, string> = {
  busybox: "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: chroot NEWROOT [PROG ARGS]\n\nRun PROG with root directory set to NEWROOT\n",
  gnu: "chroot: missing operand\nTry 'chroot --help' for more information.\n",
};

/** Shell words for argv, quoted only where the shell would need it. */
function shellJoin(argv: string[]): string {
  return argv.map((a) => (/^[\w./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}

export async function chroot(ctx: ProgramContext): Promise<number> {
  const args = ctx.args[0] === "--" ? ctx.args.slice(1) : ctx.args;
  const local = resolveRoot(ctx, "/");
  if (args.length === 0) {
    ctx.stderr(USAGE[local.flavour]);
    return local.flavour === "busybox" ? 1 : 125;
  }
  const [dir, ...command] = args;
  const root = resolveRoot(ctx, dir);
  if (!root.exists) {
    ctx.stderr(root.flavour === "busybox" ? `chroot: can't change root directory to '${dir}': No such file or directory\n` : `chroot: cannot change root directory to '${dir}': No such file or directory\n`);
    return root.flavour === "busybox" ? 1 : 125;
  }
  if (!root.host) {
    ctx.stderr(`chroot: a new root other than a node's root filesystem (the node debugging pod's /host) is not available in Kubecoach yet\n`);
    return 125;
  }
  if (command.length > 0) return runOnHost(ctx, root.host, shellJoin(command));
  if (!ctx.foreground) {
    // Without a terminal, the shell reads its commands from chroot's standard input.
    return runOnHost(ctx, root.host, ctx.stdin);
  }
  // In a script's terminal (no tty) the shell reads the script's following lines: no prompt.
  ctx.foreground(await hostShell(ctx.environment, root.host, { sleep: (ms) => ctx.sleep(ms), columns: ctx.terminal.columns, rows: ctx.terminal.rows, interactive: ctx.terminal.isTTY }));
  return 0;
}

async function runOnHost(ctx: ProgramContext, host: string, script: string): Promise<number> {
  const r = await runScript(ctx.environment, { script, host, user: "root", cwd: "/", signal: ctx.signal, sleep: (ms) => ctx.sleep(ms) });
  if (r.stdout) ctx.stdout(r.stdout);
  if (r.stderr) ctx.stderr(r.stderr);
  return r.exitCode;
}

/** The kind a chroot shell is saved under in a terminal snapshot. */
const CHROOT_SHELL = "chroot-host-shell";

interface SavedChrootShell {
  host: string;
  terminal: TerminalSnapshot;
  /** False for a script's shell (no prompt); absent in older snapshots: a terminal's. */
  interactive?: boolean;
}

/**
 * `/bin/sh -i` in the new root: on the nodes that is dash, whose prompt is `# ` and which says
 * nothing on exit. It holds the terminal until `exit` or Ctrl-D, and comes back after a restore.
 */
async function hostShell(env: Environment, host: string, options: { sleep: (ms: number, signal: AbortSignal) => Promise<void>; columns: number; rows: number; interactive?: boolean }, restore?: TerminalSnapshot): Promise<ForegroundSession> {
  const interactive = options.interactive ?? true;
  const terminal = createTerminal(env, { host, user: "root", interactive, recordHistory: false, cwd: "/", columns: options.columns, rows: options.rows, sleep: options.sleep, ...(restore ? { restore } : {}) });
  await terminal.ready;
  if (!restore && interactive) await terminal.exec("PS1='# '");
  return nestedShell(terminal, {
    // dash says nothing on exit; the terminal's login shell would say "logout".
    shown: (data) => (data === "logout\n" ? undefined : data),
    snapshot: async () => ({ kind: CHROOT_SHELL, state: { host, terminal: await terminal.snapshot(), ...(interactive ? {} : { interactive }) } satisfies SavedChrootShell }),
  });
}

registerForegroundRestorer(CHROOT_SHELL, async (state, context) => {
  const saved = state as SavedChrootShell;
  if (!context.environment.hosts.get(saved.host)) return { gone: `host ${saved.host} no longer exists` };
  return hostShell(context.environment, saved.host, { ...context, ...(saved.interactive === false ? { interactive: false } : {}) }, saved.terminal);
});

PROGRAMS.register(["chroot"], chroot);
