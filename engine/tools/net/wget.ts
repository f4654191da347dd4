import type { Program, ProgramContext } from "../../process/types";
import { formatDate } from "../../shell/commands/date";
import { inContainer, lookup, networkOf, originOf, saveDownload, seconds, SYN_TIMEOUT_MS } from "./common";

/**
 * wget: GNU Wget 1.21.2 on the hosts, BusyBox wget inside containers (`kubectl exec … -- wget -qO-
 * svc`), each with its own messages and exit codes.
 */
interface Options {
  url?: string;
  output?: string;
  quiet: boolean;
  timeoutMs?: number;
  tries: number;
  spider: boolean;
  headers: string[];
  method?: string;
  body?: string;
}

function parse(args: string[]): Options | string {
  const o: Options = { quiet: false, tries: 20, spider: false, headers: [] };
  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    let value: string | undefined;
    if (a.startsWith("--") && a.includes("=")) [a, value] = [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)];
    const take = () => value ?? args[++i];
    if (a === "-O" || a === "--output-document") o.output = take();
    else if (a.startsWith("-O") && a.length > 2) o.output = a.slice(2);
    else if (a === "-q" || a === "--quiet") o.quiet = true;
    else if (a === "-qO" || a === "-q-O") {
      o.quiet = true;
      o.output = take();
    } else if (/^-q+O.+/.test(a)) {
      o.quiet = true;
      o.output = a.slice(a.indexOf("O") + 1);
    } else if (a === "-T" || a === "--timeout") o.timeoutMs = seconds(take());
    else if (a.startsWith("-T") && a.length > 2) o.timeoutMs = seconds(a.slice(2));
    else if (a === "-t" || a === "--tries") o.tries = Math.max(1, Number(take()) || 20);
    else if (a === "--spider") o.spider = true;
    else if (a === "--header") o.headers.push(take() ?? "");
    else if (a === "--method") o.method = take();
    else if (a === "--post-data" || a === "--body-data") {
      o.body = take();
      o.method ??= "POST";
    } else if (a === "-S" || a === "--server-response" || a === "-nv" || a === "--no-verbose" || a === "--no-check-certificate" || a === "-c" || a === "--continue") continue;
    else if (a.startsWith("-")) return `wget: unrecognized option '${a}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.`;
    else o.url = a;
  }
  return o;
}

export const wget: Program = async (ctx) => {
  const busybox = inContainer(ctx);
  const o = parse(ctx.args);
  if (typeof o === "string") {
    ctx.stderr(`${o}\n`);
    return busybox ? 1 : 2;
  }
  if (!o.url) {
    ctx.stderr(busybox ? "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n" : "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    return 1;
  }
  const model = networkOf(ctx, "wget");
  if (!model) return 1;
  const url = new URL(/^[a-z]+:\/\//i.test(o.url) ? o.url : `http://${o.url}`);
  const host = url.hostname;
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const file = o.output ?? (decodeURIComponent(url.pathname.split("/").pop() || "") || "index.html");
  const log = (text: string) => !o.quiet && ctx.stderr(text);
  const stamp = () => formatDate(new Date(ctx.environment.clock.now()), "%Y-%m-%d %H:%M:%S");
  const name = lookup(ctx, model, host);
  const ip = name.ok ? name.address : undefined;
  if (!busybox) log(`--${stamp()}--  ${url.toString()}\n`);
  if (!ip) {
    if (busybox) {
      ctx.stderr(`wget: bad address '${host}'\n`);
      return 1;
    }
    log(`Resolving ${host} (${host})... failed: ${name.ok ? "" : name.error === "timeout" ? "Temporary failure in name resolution" : "Name or service not known"}.\n`);
    ctx.stderr(`wget: unable to resolve host address ‘${host}’\n`);
    return 4;
  }
  if (busybox) log(`Connecting to ${host} (${ip}:${port})\n`);
  else if (host === ip) log(`Connecting to ${ip}:${port}... `);
  else log(`Resolving ${host} (${host})... ${ip}\nConnecting to ${host} (${host})|${ip}|:${port}... `);
  const headers: Record<string, string> = { "User-Agent": busybox ? "Wget" : "Wget/1.21.2", Accept: "*/*", Host: host };
  for (const h of o.headers) {
    const i = h.indexOf(":");
    if (i > 0) headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
  }
  for (let attempt = 1; ; attempt++) {
    const outcome = model.http(originOf(ctx), url.toString(), { method: o.spider ? "HEAD" : (o.method ?? "GET"), headers, ...(o.body !== undefined ? { body: o.body } : {}) });
    if (outcome.ok) return finish(ctx, o, busybox, url, file, outcome.response, stamp);
    if (outcome.error === "timeout") {
      await ctx.sleep(o.timeoutMs ?? (busybox ? 900_000 : SYN_TIMEOUT_MS));
      if (ctx.signal.aborted) return 130;
      if (busybox) {
        ctx.stderr("wget: download timed out\n");
        return 1;
      }
      log("failed: Connection timed out.\n");
      if (attempt >= o.tries) return 4;
      log(`Retrying.\n\n--${stamp()}--  (try:${String(attempt + 1).padStart(2)})  ${url.toString()}\nConnecting to ${host === ip ? `${ip}:${port}` : `${host} (${host})|${ip}|:${port}`}... `);
      continue;
    }
    if (busybox) {
      ctx.stderr(outcome.detail === "empty reply from server" ? "wget: error getting response: Connection reset by peer\n" : `wget: can't connect to remote host (${ip}): ${outcome.error === "unreachable" ? "No route to host" : "Connection refused"}\n`);
      return 1;
    }
    if (outcome.detail === "empty reply from server") {
      log("connected.\nHTTP request sent, awaiting response... No data received.\n");
      if (attempt >= o.tries) return 4;
      continue;
    }
    log(`failed: ${outcome.error === "unreachable" ? "No route to host" : "Connection refused"}.\n`);
    return 4;
  }
};

async function finish(ctx: ProgramContext, o: Options, busybox: boolean, url: URL, file: string, res: { status: number; statusText: string; headers: Record<string, string>; body: string }, stamp: () => string): Promise<number> {
  const log = (text: string) => !o.quiet && ctx.stderr(text);
  const size = Buffer.byteLength(res.body);
  if (res.status >= 400) {
    if (busybox) {
      ctx.stderr(`wget: server returned error: HTTP/1.1 ${res.status} ${res.statusText}\n`);
      return 1;
    }
    log(`connected.\nHTTP request sent, awaiting response... ${res.status} ${res.statusText}\n`);
    ctx.stderr(`${stamp()} ERROR ${res.status}: ${res.statusText}.\n\n`);
    return 8;
  }
  const type = (res.headers["content-type"] ?? res.headers["Content-Type"] ?? "text/plain").split(";")[0];
  const toStdout = file === "-";
  if (o.spider) {
    if (!busybox) log(`connected.\nHTTP request sent, awaiting response... ${res.status} ${res.statusText}\nLength: ${size} [${type}]\nRemote file exists and could contain further links,\nbut recursion is disabled -- not retrieving.\n\n`);
    return 0;
  }
  if (!busybox) log(`connected.\nHTTP request sent, awaiting response... ${res.status} ${res.statusText}\nLength: ${size} [${type}]\nSaving to: ‘${toStdout ? "STDOUT" : file}’\n\n`);
  else if (!toStdout) log(`saving to '${file}'\n`);
  if (toStdout) ctx.stdout(res.body);
  else {
    if (!(await saveDownload(ctx, file, res.body))) {
      ctx.stderr(busybox ? `wget: can't open '${file}': Permission denied\n` : `${file}: Permission denied\n`);
      return busybox ? 1 : 3;
    }
  }
  if (busybox) {
    if (!toStdout) log(`${file.padEnd(20).slice(0, 20)} 100% |********************************|  ${String(size).padStart(5)}  0:00:00 ETA\n'${file}' saved\n`);
    return 0;
  }
  const label = (toStdout ? "-" : file).padEnd(19).slice(0, 19);
  log(`${label} 100%[===================>] ${String(size).padStart(7)}  --.-KB/s    in 0s      \n\n${stamp()} (${(size / 1024 / 0.00001 / 1024).toFixed(1)} MB/s) - ${toStdout ? "written to stdout" : `‘${file}’ saved`} [${size}/${size}]\n\n`);
  return 0;
}
