import type { CommandContext } from "../../cli/command";

/**
 * ConfigMap and Secret contents from --from-literal, --from-file (files, `key=path`, directories)
 * and --from-env-file, with kubectl's messages for malformed sources and duplicate keys.
 */
interface Entries {
  text: Record<string, string>;
  binary: Record<string, Uint8Array>;
}

function absolute(c: CommandContext, path: string): string {
  return path.startsWith("/") ? path : `${c.ctx.cwd.replace(/\/$/, "")}/${path}`;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function collect(c: CommandContext, kindName: string): Entries {
  const out: Entries = { text: {}, binary: {} };
  const add = (key: string, bytes: Uint8Array | string) => {
    if (key in out.text || key in out.binary) throw new Error(`cannot add key ${key}, another key by that name already exists in Data for ${kindName}`);
    if (typeof bytes === "string") out.text[key] = bytes;
    else if (isUtf8(bytes)) out.text[key] = new TextDecoder().decode(bytes);
    else out.binary[key] = bytes;
  };
  const fs = c.ctx.host.fs;
  for (const source of c.flags.strings("from-file")) {
    const eq = source.indexOf("=");
    const [key, path] = eq >= 0 ? [source.slice(0, eq), source.slice(eq + 1)] : ["", source];
    if (eq >= 0 && (!key || !path)) throw new Error(`key names or file paths cannot be empty`);
    const full = absolute(c, path);
    if (!fs.existsSync(full)) throw new Error(`error reading ${path}: no such file or directory`);
    if (fs.isDirectorySync(full)) {
      if (key) throw new Error("cannot give a key name for a directory path");
      for (const name of fs.readdirSync(full).sort()) {
        const file = `${full.replace(/\/$/, "")}/${name}`;
        if (fs.isFileSync(file)) add(name, fs.readBytesSync(file) ?? new Uint8Array());
      }
    } else add(key || path.split("/").pop()!, fs.readBytesSync(full) ?? new Uint8Array());
  }
  for (const literal of c.flags.strings("from-literal")) {
    const eq = literal.indexOf("=");
    if (eq <= 0) throw new Error(`invalid literal source ${literal}, expected key=value`);
    add(literal.slice(0, eq), literal.slice(eq + 1));
  }
  for (const envFile of c.flags.strings("from-env-file")) {
    const full = absolute(c, envFile);
    const text = fs.readFileSync(full);
    if (text === undefined) throw new Error(`error reading ${envFile}: no such file or directory`);
    text.split("\n").forEach((raw, index) => {
      const line = raw.replace(/^\uFEFF/, "").replace(/\r$/, "");
      if (line.trim() === "" || line.trimStart().startsWith("#")) return;
      const eq = line.indexOf("=");
      const key = eq >= 0 ? line.slice(0, eq) : line;
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) throw new Error(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit`);
      if (eq < 0) {
        const fromEnv = c.ctx.env[key];
        if (fromEnv !== undefined) add(key, fromEnv);
        return;
      }
      void index;
      add(key, line.slice(eq + 1));
    });
  }
  return out;
}

export function configMapData(c: CommandContext): { data: Record<string, string>; binaryData: Record<string, string> } {
  const e = collect(c, `ConfigMap "${c.args[0]}"`);
  const binaryData: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.binary)) binaryData[k] = Buffer.from(v).toString("base64");
  return { data: e.text, binaryData };
}

export function secretData(c: CommandContext): Record<string, string> {
  const e = collect(c, `Secret "${c.args[0]}"`);
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.text)) data[k] = Buffer.from(v).toString("base64");
  for (const [k, v] of Object.entries(e.binary)) data[k] = Buffer.from(v).toString("base64");
  return data;
}
