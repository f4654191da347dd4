import type { HttpResult } from "../../network/types";
import type { Program } from "../../process/types";
import { lookup, networkOf, originOf, saveDownload, seconds, SYN_TIMEOUT_MS } from "./common";

/**
 * curl 7.81.0 (Ubuntu 22.04): the flags people use against Services, Ingresses and the API server,
 * its error messages and exit codes, `-v` traces, `-I`/`-i` headers, `-o`/`-O`, `-w`, and the
 * progress meter it prints on stderr when stdout is not a terminal.
 */
interface Request {
  url?: string;
  method?: string;
  headers: string[];
  data?: string;
  /** -d/--data-binary values in order: `@file` (or `@-`) is read when the request is made. */
  dataParts: { flag: string; value: string }[];
  output?: string;
  remoteName: boolean;
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  head: boolean;
  include: boolean;
  fail: boolean;
  follow: boolean;
  writeOut?: string;
  maxTime?: number;
  connectTimeout?: number;
}

const VALUE_FLAGS = new Set(["-X", "--request", "-H", "--header", "-d", "--data", "--data-raw", "--data-binary", "--data-urlencode", "-o", "--output", "-w", "--write-out", "-m", "--max-time", "--connect-timeout", "-u", "--user", "-A", "--user-agent", "--cacert", "--cert", "--key", "-e", "--referer", "-b", "--cookie", "--resolve", "-x", "--proxy", "--retry", "-T", "--upload-file", "--interface", "-E"]);

function parse(args: string[]): Request | string {
  const r: Request = { headers: [], dataParts: [], remoteName: false, silent: false, showError: false, verbose: false, head: false, include: false, fail: false, follow: false };
  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    let value: string | undefined;
    if (a.startsWith("--") && a.includes("=")) [a, value] = [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)];
    if (VALUE_FLAGS.has(a)) {
      value ??= args[++i];
      if (value === undefined) return `curl: option ${a}: requires parameter`;
      switch (a) {
        case "-X": case "--request": r.method = value; break;
        case "-H": case "--header": r.headers.push(value); break;
        case "-d": case "--data": case "--data-raw": case "--data-binary": case "--data-urlencode": r.dataParts.push({ flag: a, value }); break;
        case "-o": case "--output": r.output = value; break;
        case "-w": case "--write-out": r.writeOut = value; break;
        case "-m": case "--max-time": r.maxTime = seconds(value); break;
        case "--connect-timeout": r.connectTimeout = seconds(value); break;
      }
      continue;
    }
    if (a.startsWith("-") && !a.startsWith("--") && a.length > 2) {
      // Combined short flags: -sS, -sSL, -kv, -sI, -so (value last).
      const letters = a.slice(1).split("");
      const last = letters[letters.length - 1];
      if (VALUE_FLAGS.has(`-${last}`)) args.splice(i + 1, 0, `-${last}`);
      for (const l of letters.slice(0, VALUE_FLAGS.has(`-${last}`) ? -1 : undefined)) {
        const err = flag(r, `-${l}`);
        if (err) return err;
      }
      continue;
    }
    if (a.startsWith("-")) {
      const err = flag(r, a);
      if (err) return err;
      continue;
    }
    r.url = a;
  }
  return r;
}

function flag(r: Request, a: string): string | undefined {
  switch (a) {
    case "-s": case "--silent": r.silent = true; break;
    case "-S": case "--show-error": r.showError = true; break;
    case "-v": case "--verbose": r.verbose = true; break;
    case "-I": case "--head": r.head = true; break;
    case "-i": case "--include": r.include = true; break;
    case "-f": case "--fail": r.fail = true; break;
    case "-L": case "--location": r.follow = true; break;
    case "-O": case "--remote-name": r.remoteName = true; break;
    case "-k": case "--insecure": case "-4": case "--ipv4": case "--http1.1": case "-g": case "--globoff": case "-N": case "--no-buffer": case "--compressed": case "-#": case "--progress-bar": break;
    default:
      return `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information`;
  }
  return undefined;
}

function meterSize(n: number): string {
  if (n < 100_000) return String(n).padStart(5);
  if (n < 10_000 * 1024) return `${Math.floor(n / 1024)}k`.padStart(5);
  return `${Math.floor(n / (1024 * 1024))}M`.padStart(5);
}

function progress(size: number): string {
  const speed = meterSize(size * 1000);
  return `  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100 ${meterSize(size)}  100 ${meterSize(size)}    0     0 ${speed}      0 --:--:-- --:--:-- --:--:-- ${speed}\n`;
}

export const curl: Program = async (ctx) => {
  const r = parse([...ctx.args]);
  if (typeof r === "string") {
    ctx.stderr(`${r}\n`);
    return 2;
  }
  if (!r.url) {
    ctx.stderr("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const model = networkOf(ctx, "curl");
  if (!model) return 1;
  for (const part of r.dataParts) {
    const value = await dataValue(ctx, part);
    r.data = r.data === undefined ? value : `${r.data}&${value}`;
  }
  const raw = /^[a-z]+:\/\//i.test(r.url) ? r.url : `http://${r.url}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    ctx.stderr(`curl: (3) URL using bad/illegal format or missing URL\n`);
    return 3;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    ctx.stderr(`curl: (1) Protocol "${url.protocol.replace(":", "")}" not supported or disabled in libcurl\n`);
    return 1;
  }
  const showErrors = !r.silent || r.showError;
  const error = (code: number, text: string) => {
    if (showErrors) ctx.stderr(`curl: (${code}) ${text}\n`);
    return code;
  };
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const name = lookup(ctx, model, host);
  const trace = (line: string) => r.verbose && ctx.stderr(`${line}\n`);
  if (!name.ok) {
    if (name.error === "timeout") await ctx.sleep(r.connectTimeout ?? 10_000);
    return error(6, `Could not resolve host: ${host}`);
  }
  trace(`*   Trying ${name.address}:${port}...`);
  const method = r.method ?? (r.head ? "HEAD" : r.data !== undefined ? "POST" : "GET");
  const headers: Record<string, string> = { Host: url.port ? `${host}:${url.port}` : host, "User-Agent": "curl/7.81.0", Accept: "*/*" };
  for (const h of r.headers) {
    const i = h.indexOf(":");
    if (i > 0) headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
  }
  if (r.data !== undefined) headers["Content-Type"] ??= "application/x-www-form-urlencoded";
  const outcome = model.http(originOf(ctx), url.toString(), { method, headers, ...(r.data !== undefined ? { body: r.data } : {}) });
  if (!outcome.ok) {
    if (outcome.error === "timeout") {
      const limit = Math.min(r.maxTime ?? Infinity, r.connectTimeout ?? Infinity);
      if (Number.isFinite(limit)) {
        await ctx.sleep(limit);
        return error(28, `Connection timed out after ${limit + 1} milliseconds`);
      }
      await ctx.sleep(SYN_TIMEOUT_MS);
      return error(28, `Failed to connect to ${host} port ${port} after ${SYN_TIMEOUT_MS} ms: Connection timed out`);
    }
    if (outcome.detail === "empty reply from server") {
      trace(`* Connected to ${host} (${name.address}) port ${port} (#0)`);
      return error(52, "Empty reply from server");
    }
    if (outcome.error === "resolve") return error(6, `Could not resolve host: ${host}`);
    if (outcome.error === "unreachable") return error(7, `Failed to connect to ${host} port ${port} after 0 ms: No route to host`);
    return error(7, `Failed to connect to ${host} port ${port} after 0 ms: Connection refused`);
  }
  const res = outcome.response;
  trace(`* Connected to ${host} (${name.address}) port ${port} (#0)`);
  if (r.verbose) {
    ctx.stderr(`> ${method} ${url.pathname}${url.search} HTTP/1.1\n${Object.entries(headers).map(([k, v]) => `> ${k}: ${v}\n`).join("")}> \n`);
    ctx.stderr(`* Mark bundle as not supporting multiuse\n< HTTP/1.1 ${res.status} ${res.statusText}\n${headerLines(res).map((l) => `< ${l}\n`).join("")}< \n`);
  }
  if (r.fail && res.status >= 400) return error(22, `The requested URL returned error: ${res.status}`);
  const head = `HTTP/1.1 ${res.status} ${res.statusText}\r\n${headerLines(res).map((l) => `${l}\r\n`).join("")}\r\n`;
  const body = r.head ? "" : res.body;
  const text = (r.head || r.include ? head : "") + body;
  const toFile = r.output ?? (r.remoteName ? url.pathname.split("/").pop() || "" : undefined);
  if (toFile === "") return error(23, "Failed writing body");
  if (toFile !== undefined && toFile !== "-") {
    if (!(await saveDownload(ctx, toFile, text))) return error(23, `Failure writing output to destination`);
  } else ctx.stdout(text);
  if (!r.silent && !r.verbose && (toFile !== undefined || !ctx.terminal.isTTY)) ctx.stderr(progress(body.length));
  if (r.verbose) trace(`* Connection #0 to host ${host} left intact`);
  if (r.writeOut) ctx.stdout(writeOut(r.writeOut, res, url, body.length));
  return 0;
};

/**
 * A data value as curl sends it: `@file` (`@-` is stdin) reads the file, which -d sends without
 * its line breaks and --data-binary as it is; --data-raw never reads a file. A file that cannot be
 * read gives curl's warning and no data.
 */
async function dataValue(ctx: Parameters<Program>[0], part: { flag: string; value: string }): Promise<string> {
  if (!part.value.startsWith("@") || part.flag === "--data-raw" || part.flag === "--data-urlencode") return part.value;
  const name = part.value.slice(1);
  let text: string | undefined;
  if (name === "-") text = ctx.stdin;
  else {
    const path = name.startsWith("/") ? name : `${ctx.cwd}/${name}`;
    try {
      text = ctx.fs ? await ctx.fs.readFile(path) : ctx.host.fs.readFileSync(path);
    } catch {
      text = undefined;
    }
  }
  if (text === undefined) {
    ctx.stderr(warning(`Couldn't read data from file "${name}", this makes an empty POST.\n`));
    return "";
  }
  return part.flag === "--data-binary" ? text : text.replace(/[\r\n]/g, "");
}

/** curl's warnf: "Warning: " on every line, the text cut after a space to fit 79 columns. */
function warning(text: string): string {
  const width = 70;
  let out = "";
  let rest = text;
  while (rest.length > width) {
    let cut = width - 1;
    while (cut > 0 && !/\s/.test(rest[cut])) cut--;
    if (cut === 0) cut = width - 1;
    out += `Warning: ${rest.slice(0, cut + 1)}\n`;
    rest = rest.slice(cut + 1);
  }
  return rest ? `${out}Warning: ${rest}` : out;
}

function headerLines(res: HttpResult): string[] {
  const out: string[] = [];
  const headers = { ...res.headers };
  if (!Object.keys(headers).some((k) => ["content-length", "transfer-encoding"].includes(k.toLowerCase()))) headers["Content-Length"] = String(Buffer.byteLength(res.body));
  for (const [k, v] of Object.entries(headers)) out.push(`${k}: ${v}`);
  return out;
}

function writeOut(format: string, res: HttpResult, url: URL, size: number): string {
  return format
    .replace(/%\{http_code\}|%\{response_code\}/g, String(res.status).padStart(3, "0"))
    .replace(/%\{size_download\}/g, String(size))
    .replace(/%\{url_effective\}/g, url.toString())
    .replace(/%\{content_type\}/g, res.headers["content-type"] ?? res.headers["Content-Type"] ?? "")
    .replace(/%\{time_total\}/g, "0.001000")
    .replace(/\\n/g, "\n")
    .replace(/\\t/g, "\t");
}
