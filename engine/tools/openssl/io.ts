import type { IFileSystem } from "just-bash";
import type { ProgramContext } from "../../process/types";

/** A failure OpenSSL reports on stderr in its own words, ending the command. */
export class OpenSslError extends Error {}

export function fsOf(ctx: ProgramContext): IFileSystem {
  return ctx.fs ?? ctx.host.fs;
}

export async function readFile(ctx: ProgramContext, path: string, what: string): Promise<string> {
  const fs = fsOf(ctx);
  try {
    return await fs.readFile(fs.resolvePath(ctx.cwd, path));
  } catch (err) {
    const reason = (err as { code?: string }).code === "EACCES" ? "Permission denied" : "No such file or directory";
    throw new OpenSslError(`Could not open file or uri for loading ${what} from ${path}\n40F7E1C4E87F0000:error:80000002:system library:file_open:${reason}:../providers/implementations/storemgmt/file_store.c:267:calling stat(${path})\n`);
  }
}

