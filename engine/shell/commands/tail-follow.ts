import type { ResolvedCommandContext } from "just-bash";
import type { InvocationIO } from "../bridge";
import { runBundled } from "../bundled";
import type { ShellFrame } from "../frame";

/**
 * `tail -f` / `-F` as GNU tail 9.1 follows files: the usual tail of each file that opens (just-bash's
 * tail), then what is appended, checked once a second on the session's clock. A file that does not
 * exist gets `cannot open 'F' for reading`; with none left to follow `tail: no files remaining`
 * and status 1, unless it retries (`-F`, `--follow=name --retry`): then it waits for the file
 * (`'F' has appeared;  following new file`) and notices when it goes away. Several files get
 * `==> F <==` headers whenever the output passes from one to another.
 */
export async function followTail(frame: ShellFrame, args: string[], ctx: ResolvedCommandContext, io: InvocationIO): Promise<number> {
  const { options, files, retry, warnRetry } = followArgs(args);
  if (warnRetry) io.err.push("tail: warning: --retry only effective for the initial open\n");
  if (files.length === 0) {
    // Following stdin (a pipe) ends with its input, as GNU tail does.
    const result = await runBundled("tail", options, ctx);
    io.out.push(result.stdout);
    io.err.push(result.stderr);
    return result.exitCode;
  }
  const quiet = options.some((a) => a === "-q" || a === "--quiet" || a === "--silent");
  const headers = !quiet && (files.length > 1 || options.some((a) => a === "-v" || a === "--verbose"));
  const followed = await Promise.all(files.map(async (name) => ({ name, path: frame.fs.resolvePath(ctx.cwd, name), size: await sizeOf(frame, frame.fs.resolvePath(ctx.cwd, name)) })));
  const open = followed.filter((f) => f.size !== undefined);
  const lastOptions = options.filter((a) => a !== "-v" && a !== "--verbose" && a !== "-q" && a !== "--quiet" && a !== "--silent");
  let lastShown: string | undefined;
  const header = (name: string) => {
    if (headers && lastShown !== name) io.out.push(`${lastShown === undefined ? "" : "\n"}==> ${name} <==\n`);
    lastShown = name;
  };
  // File by file, in order, as GNU tail opens them: the last lines of each, or why it cannot.
  for (const f of followed) {
    if (f.size === undefined) {
      io.err.push(`tail: cannot open '${f.name}' for reading: No such file or directory\n`);
      continue;
    }
    const result = await runBundled("tail", [...lastOptions, f.name], ctx);
    header(f.name);
    io.out.push(result.stdout);
    io.err.push(result.stderr);
  }
  if (open.length === 0 && !retry) {
    io.err.push("tail: no files remaining\n");
    return 1;
  }
  const show = (name: string, text: string) => {
    header(name);
    io.out.push(text);
  };
  while (!io.signal.aborted) {
    await io.sleep(1000);
    if (io.signal.aborted) break;
    for (const f of followed) {
      const text = await contentOf(frame, f.path);
      if (text === undefined) {
        // -f keeps the descriptor of a removed file (nothing more comes); -F follows the name.
        if (retry && f.size !== undefined) {
          io.err.push(`tail: '${f.name}' has become inaccessible: No such file or directory\n`);
          f.size = undefined;
        }
        continue;
      }
      if (f.size === undefined) {
        if (!retry) continue;
        io.err.push(`tail: '${f.name}' has appeared;  following new file\n`);
        f.size = 0;
      }
      if (text.length < f.size) {
        io.err.push(`tail: ${f.name}: file truncated\n`);
        f.size = 0;
      }
      if (text.length > f.size) show(f.name, text.slice(f.size));
      f.size = text.length;
    }
  }
  return 130;
}

/**
 * Splits tail's arguments into the options just-bash's tail takes (the follow letters taken out),
 * the files, and how it follows: `-F` is `--follow=name --retry`.
 */
function followArgs(args: string[]): { options: string[]; files: string[]; retry: boolean; warnRetry: boolean } {
  const options: string[] = [];
  const files: string[] = [];
  let byName = false;
  let retryFlag = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      files.push(...args.slice(i + 1));
      break;
    }
    if (a === "-f" || a === "--follow" || a === "--follow=descriptor") continue;
    if (a === "--follow=name") byName = true;
    else if (a === "--retry") retryFlag = true;
    else if (/^-[a-zA-Z]+$/.test(a) && /[fF]/.test(a)) {
      if (a.includes("F")) byName = retryFlag = true;
      const letters = a.replace(/[fF]/g, "");
      if (letters !== "-") options.push(letters);
      // `-fn 5`: the option's value follows.
      if (/[nc]$/.test(letters) && i + 1 < args.length) options.push(args[++i]);
    } else if (a === "-n" || a === "-c" || a === "--lines" || a === "--bytes") {
      options.push(a);
      if (i + 1 < args.length) options.push(args[++i]);
    } else if (a.startsWith("-") && a !== "-") options.push(a);
    else files.push(a);
  }
  return { options, files, retry: retryFlag, warnRetry: retryFlag && !byName };
}

async function contentOf(frame: ShellFrame, path: string): Promise<string | undefined> {
  try {
    return await frame.fs.readFile(path);
  } catch {
    return undefined;
  }
}

async function sizeOf(frame: ShellFrame, path: string): Promise<number | undefined> {
  return (await contentOf(frame, path))?.length;
}
