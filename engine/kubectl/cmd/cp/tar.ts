/**
 * The ustar archives `kubectl cp` streams through `tar` in the container: regular files and
 * directories (what kubectl's makeTar writes and untarAll reads; it skips links with a warning).
 */
export interface TarEntry {
  name: string;
  type: "file" | "dir" | "other";
  mode: number;
  mtime: number;
  data: Uint8Array;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function header(entry: TarEntry): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const put = (text: string, offset: number, width: number) => h.set(Buffer.from(text, "utf8").subarray(0, width), offset);
  let name = entry.name;
  let prefix = "";
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf("/", name.length - 2);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
  }
  put(name, 0, 100);
  put(octal(entry.mode & 0o7777, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(entry.type === "file" ? entry.data.length : 0, 12), 124, 12);
  put(octal(Math.floor(entry.mtime / 1000), 12), 136, 12);
  put("        ", 148, 8);
  put(entry.type === "dir" ? "5" : "0", 156, 1);
  put("ustar\0", 257, 6);
  put("00", 263, 2);
  put(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return h;
}

export function packTar(entries: TarEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    parts.push(header(e));
    if (e.type === "file") {
      parts.push(e.data);
      const pad = (BLOCK - (e.data.length % BLOCK)) % BLOCK;
      if (pad) parts.push(new Uint8Array(pad));
    }
  }
  parts.push(new Uint8Array(BLOCK * 2));
  return new Uint8Array(Buffer.concat(parts));
}

function field(h: Uint8Array, offset: number, width: number): string {
  const raw = h.subarray(offset, offset + width);
  const end = raw.indexOf(0);
  return Buffer.from(end >= 0 ? raw.subarray(0, end) : raw).toString("utf8");
}

export function unpackTar(bytes: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= bytes.length) {
    const h = bytes.subarray(offset, offset + BLOCK);
    if (h.every((b) => b === 0)) break;
    const size = parseInt(field(h, 124, 12).trim() || "0", 8) || 0;
    const prefix = field(h, 345, 155);
    const name = (prefix ? `${prefix}/` : "") + field(h, 0, 100);
    const flag = String.fromCharCode(h[156] || 48);
    const type = flag === "5" ? "dir" : flag === "0" || flag === "\0" || flag === "7" ? "file" : "other";
    offset += BLOCK;
    entries.push({ name, type, mode: parseInt(field(h, 100, 8).trim() || "644", 8), mtime: (parseInt(field(h, 136, 12).trim() || "0", 8) || 0) * 1000, data: bytes.slice(offset, offset + size) });
    offset += Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}
