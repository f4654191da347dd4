import { registerCommand, type CommandContext } from "../../cli/command";
import { attachablePod, defaultContainer, type PodLike } from "../exec/attachable-pod";
import { finish, openStream } from "../exec/remote-command";
import { packTar, unpackTar, type TarEntry } from "./tar";

/**
 * `kubectl cp`: as the real one, through `tar` in the container over pods/exec — `tar cf - PATH`
 * to copy out, `tar -xmf - -C DIR` to copy in — so a container without tar fails as it does there.
 */
interface FileSpec {
  namespace?: string;
  pod?: string;
  file: string;
}

const FORMAT_ERROR = "filespec must match the canonical format: [[namespace/]pod:]file/path";

function fileSpec(arg: string): FileSpec {
  const i = arg.indexOf(":");
  if (i === 0) throw new Error(FORMAT_ERROR);
  if (i < 0) return { file: arg };
  const pieces = arg.slice(0, i).split("/");
  if (pieces.length === 1) return { pod: pieces[0], file: arg.slice(i + 1) };
  if (pieces.length === 2) return { namespace: pieces[0], pod: pieces[1], file: arg.slice(i + 1) };
  throw new Error(FORMAT_ERROR);
}

const clean = (p: string) => p.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");
const dirOf = (p: string) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) || "/" : ".");
const baseOf = (p: string) => clean(p).split("/").pop() ?? p;

/** Runs one command in the container, collecting its output (bytes as Latin-1 for tar). */
async function run(c: CommandContext, pod: PodLike, container: string, argv: string[], input?: string, errOut: boolean | ((data: string) => void) = true): Promise<{ stdout: string; code: number }> {
  const session = openStream(c, { subresource: "exec", namespace: pod.metadata.namespace!, pod: pod.metadata.name!, container, command: argv, stdin: input !== undefined, stdout: true, stderr: true, tty: false });
  let stdout = "";
  const done = session.start((stream, data) => (stream === "stdout" ? (stdout += data) : typeof errOut === "function" ? errOut(data) : errOut && c.err(data)), { sleep: (ms) => c.ctx.sleep(ms) });
  if (input !== undefined) {
    session.writeStdin(input);
    session.closeStdin();
  }
  const status = await done;
  if (!errOut) return { stdout, code: status.status === "Success" ? 0 : 1 };
  return { stdout, code: finish(status) };
}

function localPath(c: CommandContext, p: string): string {
  return p.startsWith("/") ? p : `${c.ctx.cwd}/${p}`;
}

/** makeTar: the local file or tree, named as it will be in the container. */
function localEntries(c: CommandContext, src: string, destName: string): TarEntry[] {
  const fs = c.ctx.host.fs;
  const entries: TarEntry[] = [];
  const add = (path: string, name: string) => {
    const stat = fs.statSync(path);
    if (fs.isDirectorySync(path)) {
      const children = fs.readdirSync(path);
      if (children.length === 0) entries.push({ name: `${name}/`, type: "dir", mode: stat.mode ?? 0o755, mtime: stat.mtime?.getTime?.() ?? 0, data: new Uint8Array() });
      for (const child of children.sort()) add(`${path}/${child}`, `${name}/${child}`);
    } else entries.push({ name, type: "file", mode: stat.mode ?? 0o644, mtime: stat.mtime?.getTime?.() ?? 0, data: fs.readBytesSync(path) ?? new Uint8Array() });
  };
  add(clean(src), destName);
  return entries;
}

async function copyToPod(c: CommandContext, src: FileSpec, dest: FileSpec, pod: PodLike, container: string): Promise<number> {
  let destFile = dest.file;
  // kubectl asks the container whether the destination is a directory, and copies into it if so.
  if ((await run(c, pod, container, ["test", "-d", destFile], undefined, false)).code === 0) destFile = `${clean(destFile)}/${baseOf(src.file)}`;
  const entries = localEntries(c, localPath(c, src.file), baseOf(destFile));
  const archive = Buffer.from(packTar(entries)).toString("latin1");
  const argv = c.flags.bool("no-preserve") ? ["tar", "--no-same-permissions", "--no-same-owner", "-xmf", "-"] : ["tar", "-xmf", "-"];
  const dir = dirOf(destFile);
  if (dir) argv.push("-C", dir);
  return (await run(c, pod, container, argv, archive)).code;
}

async function copyFromPod(c: CommandContext, src: FileSpec, dest: FileSpec, pod: PodLike, container: string): Promise<number> {
  // kubectl wires the tar's stderr to its own stdout here.
  const { stdout, code } = await run(c, pod, container, ["tar", "cf", "-", src.file], undefined, (data) => c.out(data));
  if (code !== 0) return code;
  const prefix = clean(src.file).replace(/^\/+/, "").replace(/^(\.\.\/)+/, "");
  const fs = c.ctx.host.fs;
  const destRoot = clean(localPath(c, dest.file));
  for (const entry of unpackTar(new Uint8Array(Buffer.from(stdout, "latin1")))) {
    const name = entry.name.replace(/\/$/, "");
    if (!name.startsWith(prefix)) throw new Error("tar contents corrupted");
    const target = clean(`${destRoot}/${name.slice(prefix.length)}`);
    if (entry.type === "dir") {
      fs.mkdirSync(target, { recursive: true });
      continue;
    }
    if (entry.type === "other") {
      c.err(`warning: skipping symlink: "${target}" -> "${entry.name}"\n`);
      continue;
    }
    fs.mkdirSync(dirOf(target), { recursive: true });
    fs.writeFileSync(target, entry.data, { mode: entry.mode & 0o777 });
  }
  return 0;
}

registerCommand("cp", async (c) => {
  if (c.args.length !== 2) throw new Error("source and destination are required");
  const src = fileSpec(c.args[0]);
  const dest = fileSpec(c.args[1]);
  if (src.pod && dest.pod) throw new Error("one of src or dest must be a local file specification");
  if (!src.file || !dest.file) throw new Error("filepath can not be empty");
  const remote = src.pod ? src : dest.pod ? dest : undefined;
  if (!remote) throw new Error("one of src or dest must be a remote file specification");
  if (!src.pod && !c.ctx.host.fs.existsSync(localPath(c, src.file))) throw new Error(`${c.args[0]} doesn't exist in local filesystem`);
  const pod = await attachablePod(c, remote.pod!, 60_000, remote.namespace);
  // Copying out, kubectl's exec writes its notices to stdout (its ErrOut is the command's Out).
  const container = c.flags.string("container") || defaultContainer(src.pod ? { ...c, err: c.out } : c, pod, false);
  return src.pod ? copyFromPod(c, src, dest, pod, container) : copyToPod(c, src, dest, pod, container);
});
