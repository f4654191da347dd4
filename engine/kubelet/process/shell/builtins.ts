import type { ScriptHost } from "./host";

/**
 * The commands a container script can run, each doing what it does in busybox/coreutils as far as
 * a learner can observe: its output, its exit status, its effect on files, the time it takes
 * (`sleep`, network timeouts) and, for servers, the ports it opens.
 */
export interface CommandIO {
  stdin: string;
  stdout(text: string): void;
  stderr(text: string): void;
  vars: Record<string, string>;
  now: number;
  shell: string;
  host: ScriptHost;
  background: boolean;
}

export interface CommandResult {
  status: number;
  /** The command takes this long (Infinity: never returns). */
  sleepMs?: number;
  /** The shell itself exits with this status. */
  exit?: number;
}

const OK: CommandResult = { status: 0 };
const FAIL: CommandResult = { status: 1 };

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, w = 2, c = "0") => String(n).padStart(w, c);

export function formatDate(ms: number, format?: string): string {
  const d = new Date(ms);
  const spec: Record<string, string> = {
    a: DAYS[d.getUTCDay()],
    b: MONTHS[d.getUTCMonth()],
    d: pad(d.getUTCDate()),
    e: pad(d.getUTCDate(), 2, " "),
    H: pad(d.getUTCHours()),
    M: pad(d.getUTCMinutes()),
    S: pad(d.getUTCSeconds()),
    Y: String(d.getUTCFullYear()),
    m: pad(d.getUTCMonth() + 1),
    y: pad(d.getUTCFullYear() % 100),
    s: String(Math.floor(ms / 1000)),
    Z: "UTC",
    z: "+0000",
    T: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    F: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    N: pad((ms % 1000) * 1_000_000, 9),
    "%": "%",
  };
  if (!format) return `${spec.a} ${spec.b} ${spec.e} ${spec.T} UTC ${spec.Y}`;
  return format.replace(/%([a-zA-Z%])/g, (m, k: string) => spec[k] ?? m);
}

export function parseDuration(arg: string): number | undefined {
  if (arg === "infinity" || arg === "inf") return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]]!;
  return Math.round(Number(m[1]) * unit);
}

function echo(args: string[], io: CommandIO): CommandResult {
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes("n")) newline = false;
    if (args[0].includes("e")) escapes = true;
    args = args.slice(1);
  }
  let text = args.join(" ");
  if (escapes) text = text.replace(/\\n/g, "\n").replace(/\\t/g, "\t");
  io.stdout(text + (newline ? "\n" : ""));
  return OK;
}

function printf(args: string[], io: CommandIO): CommandResult {
  const [format = "", ...rest] = args;
  let i = 0;
  const text = format
    .replace(/%([-0-9]*)([sdi%])/g, (_m, _w, k: string) => (k === "%" ? "%" : k === "s" ? (rest[i++] ?? "") : String(Number.parseInt(rest[i++] ?? "0", 10) || 0)))
    .replace(/\\n/g, "\n")
    .replace(/\\t/g, "\t");
  io.stdout(text);
  return OK;
}

function test(args: string[], io: CommandIO): CommandResult {
  if (args[args.length - 1] === "]") args = args.slice(0, -1);
  const truth = (v: boolean): CommandResult => (v ? OK : FAIL);
  if (args[0] === "!") return truth(test(args.slice(1), io).status !== 0);
  if (args.length === 0) return FAIL;
  if (args.length === 1) return truth(args[0] !== "");
  if (args.length === 2) {
    const [op, v] = args;
    const fs = io.host.fs;
    switch (op) {
      case "-z":
        return truth(v === "");
      case "-n":
        return truth(v !== "");
      case "-f":
        return truth(fs.exists(v) && !fs.isDirectory(v));
      case "-d":
        return truth(fs.isDirectory(v));
      case "-e":
      case "-s":
      case "-r":
      case "-w":
      case "-x":
        return truth(fs.exists(v) && (op !== "-s" || (fs.read(v) ?? "x").length > 0));
    }
    return { status: 2 };
  }
  const [a, op, b] = args;
  const n = (s: string) => Number.parseInt(s, 10);
  switch (op) {
    case "=":
    case "==":
      return truth(a === b);
    case "!=":
      return truth(a !== b);
    case "-eq":
      return truth(n(a) === n(b));
    case "-ne":
      return truth(n(a) !== n(b));
    case "-lt":
      return truth(n(a) < n(b));
    case "-le":
      return truth(n(a) <= n(b));
    case "-gt":
      return truth(n(a) > n(b));
    case "-ge":
      return truth(n(a) >= n(b));
  }
  if (args.includes("-a")) {
    const k = args.indexOf("-a");
    return truth(test(args.slice(0, k), io).status === 0 && test(args.slice(k + 1), io).status === 0);
  }
  if (args.includes("-o")) {
    const k = args.indexOf("-o");
    return truth(test(args.slice(0, k), io).status === 0 || test(args.slice(k + 1), io).status === 0);
  }
  return { status: 2 };
}

function readInputs(files: string[], io: CommandIO, name: string): string | undefined {
  if (files.length === 0) return io.stdin;
  let text = "";
  for (const f of files) {
    const content = io.host.fs.read(f);
    if (content === undefined) {
      io.stderr(`${name}: ${io.host.fs.isDirectory(f) ? `read error: Is a directory` : `can't open '${f}': No such file or directory`}\n`);
      return undefined;
    }
    text += content;
  }
  return text;
}

/**
 * GNU find's common expressions: -mindepth, -maxdepth, -type f|d, -name GLOB, and -delete (which
 * implies -depth: a directory's contents go before the directory, so it is empty when removed).
 * Without -delete each match is printed, a directory before its contents.
 */
function find(args: string[], io: CommandIO): CommandResult {
  const fs = io.host.fs;
  const roots: string[] = [];
  let i = 0;
  for (; i < args.length && !args[i].startsWith("-"); i++) roots.push(args[i]);
  let minDepth = 0;
  let maxDepth = Infinity;
  let type: string | undefined;
  let name: RegExp | undefined;
  let remove = false;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "-delete") remove = true;
    else if (a === "-print" || a === "-depth") continue;
    else if (["-mindepth", "-maxdepth", "-type", "-name"].includes(a)) {
      const v = args[++i];
      if (v === undefined) {
        io.stderr(`find: missing argument to \`${a}'\n`);
        return FAIL;
      }
      if (a === "-mindepth") minDepth = Number(v);
      else if (a === "-maxdepth") maxDepth = Number(v);
      else if (a === "-type") type = v;
      else name = globToRegExp(v);
    } else {
      io.stderr(`find: unknown predicate \`${a}'\n`);
      return FAIL;
    }
  }
  let status = 0;
  const visit = (path: string, depth: number) => {
    const dir = fs.isDirectory(path);
    const matches = depth >= minDepth && (!type || (type === "d") === dir) && (!name || name.test(path.slice(path.lastIndexOf("/") + 1)));
    if (matches && !remove) io.stdout(`${path}\n`);
    if (dir && depth < maxDepth) for (const child of fs.list(path) ?? []) visit(`${path.replace(/\/+$/, "")}/${child}`, depth + 1);
    if (!matches || !remove) return;
    if (dir && (fs.list(path) ?? []).length > 0) {
      io.stderr(`find: cannot delete '${path}': Directory not empty\n`);
      status = 1;
    } else if (!fs.remove(path, true)) {
      io.stderr(`find: cannot delete '${path}': Read-only file system\n`);
      status = 1;
    }
  };
  for (const root of roots.length ? roots : ["."]) {
    if (!fs.exists(root)) {
      io.stderr(`find: '${root}': No such file or directory\n`);
      status = 1;
    } else visit(root, 0);
  }
  return { status };
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
}

function urlHostPort(url: string): { host: string; port: number } {
  const u = new URL(url.includes("://") ? url : `http://${url}`);
  return { host: u.hostname, port: Number(u.port || (u.protocol === "https:" ? 443 : 80)) };
}

function wget(args: string[], io: CommandIO): CommandResult {
  let quiet = false;
  let output: string | undefined;
  let timeoutS = 900;
  let spider = false;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-q" || a === "--quiet") quiet = true;
    else if (a === "-O") output = args[++i];
    else if (a.startsWith("-O")) output = a.slice(2);
    else if (a === "-qO-" || a === "-qO") {
      quiet = true;
      output = a === "-qO-" ? "-" : args[++i];
    }
    else if (a === "-T" || a === "--timeout") timeoutS = Number(args[++i]);
    else if (a.startsWith("--timeout=")) timeoutS = Number(a.slice(10));
    else if (a === "--spider") spider = true;
    else if (!a.startsWith("-")) url = a;
  }
  if (!url) {
    io.stderr("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n");
    return FAIL;
  }
  const full = url.includes("://") ? url : `http://${url}`;
  const { host, port } = urlHostPort(full);
  if (!quiet) io.stderr(`Connecting to ${host}${port === 80 ? "" : `:${port}`} `);
  const r = io.host.http(full, timeoutS * 1000);
  if (!r.ok) {
    if (!quiet) io.stderr("\n");
    switch (r.error) {
      case "resolve":
        io.stderr(`wget: bad address '${host}${port === 80 ? "" : `:${port}`}'\n`);
        return FAIL;
      case "timeout":
        io.stderr("wget: download timed out\n");
        return { status: 1, sleepMs: timeoutS * 1000 };
      default:
        io.stderr(`wget: can't connect to remote host (${r.address ?? host}): ${r.error === "refused" ? "Connection refused" : "No route to host"}\n`);
        return FAIL;
    }
  }
  if (!quiet) io.stderr(`(${r.remote})\n`);
  if (r.status >= 400) {
    io.stderr(`wget: server returned error: HTTP/1.1 ${r.status} ${r.statusText}\n`);
    return FAIL;
  }
  if (spider) {
    if (!quiet) io.stderr("remote file exists\n");
    return OK;
  }
  const file = output ?? (new URL(full).pathname.split("/").pop() || "index.html");
  if (file === "-") io.stdout(r.body);
  else {
    io.host.fs.write(file.startsWith("/") ? file : `${io.vars.PWD ?? "/"}/${file}`.replace(/\/+/g, "/"), r.body, false);
    if (!quiet) io.stderr(`saving to '${file}'\n${file}            100% |********************************|  ${r.body.length}  0:00:00 ETA\n'${file}' saved\n`);
  }
  return OK;
}

function curl(args: string[], io: CommandIO): CommandResult {
  let silent = false;
  let showErrors = false;
  let output: string | undefined;
  let maxTime = 0;
  let head = false;
  let fail = false;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-o" || a === "--output") output = args[++i];
    else if (a === "-m" || a === "--max-time" || a === "--connect-timeout") maxTime = Number(args[++i]);
    else if (a === "-I" || a === "--head") head = true;
    else if (a === "-H" || a === "-X" || a === "-d" || a === "-w" || a === "--data" || a === "--header" || a === "-u") i++;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      if (a.includes("s")) silent = true;
      if (a.includes("S")) showErrors = true;
      if (a.includes("f")) fail = true;
      if (a.includes("I")) head = true;
    } else if (!a.startsWith("-")) url = a;
  }
  if (!url) {
    io.stderr("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return { status: 2 };
  }
  const full = url.includes("://") ? url : `http://${url}`;
  const { host, port } = urlHostPort(full);
  const timeoutMs = maxTime > 0 ? maxTime * 1000 : 134_000;
  const r = io.host.http(full, timeoutMs);
  const complain = !silent || showErrors;
  if (!r.ok) {
    if (r.error === "resolve") {
      if (complain) io.stderr(`curl: (6) Could not resolve host: ${host}\n`);
      return { status: 6 };
    }
    if (r.error === "timeout") {
      if (complain) io.stderr(maxTime > 0 ? `curl: (28) Connection timed out after ${timeoutMs} milliseconds\n` : `curl: (28) Failed to connect to ${host} port ${port} after ${timeoutMs} ms: Couldn't connect to server\n`);
      return { status: 28, sleepMs: timeoutMs };
    }
    if (complain) io.stderr(`curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n`);
    return { status: 7 };
  }
  if (fail && r.status >= 400) {
    if (complain) io.stderr(`curl: (22) The requested URL returned error: ${r.status}\n`);
    return { status: 22 };
  }
  const body = head ? `HTTP/1.1 ${r.status} ${r.statusText}\r\n\r\n` : r.body;
  if (output && output !== "-") io.host.fs.write(output, body, false);
  else io.stdout(body);
  return OK;
}

const SERVERS = new Set(["nginx", "httpd", "httpd-foreground", "redis-server", "memcached", "mysqld", "postgres", "mongod", "/http-echo", "http-echo", "/hello-app", "traefik", "/coredns", "/agnhost", "agnhost", "/internal-app"]);

export function runBuiltin(argv: string[], io: CommandIO): CommandResult {
  const [name, ...args] = argv;
  const program = name.replace(/^\/(usr\/)?(local\/)?s?bin\//, "");
  const fs = io.host.fs;
  switch (program) {
    case "echo":
      return echo(args, io);
    case "printf":
      return printf(args, io);
    case "true":
    case ":":
      return OK;
    case "false":
      return FAIL;
    case "exit":
      return { status: 0, exit: args[0] !== undefined ? Number.parseInt(args[0], 10) & 255 : Number.parseInt(io.vars["?"] ?? "0", 10) || 0 };
    case "sleep": {
      const ms = args.reduce((sum, a) => sum + (parseDuration(a) ?? NaN), 0);
      if (Number.isNaN(ms) || args.length === 0) {
        io.stderr(`sleep: invalid number '${args[0] ?? ""}'\n`);
        return FAIL;
      }
      return { status: 0, sleepMs: ms };
    }
    case "test":
    case "[":
      return test(args, io);
    case "touch":
      for (const f of args.filter((a) => !a.startsWith("-"))) {
        if (!fs.exists(f)) {
          const err = fs.write(f, "", true);
          if (err) {
            io.stderr(`touch: ${f}: ${err}\n`);
            return FAIL;
          }
        }
      }
      return OK;
    case "rm": {
      const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
      const recursive = args.some((a) => /^-[a-zA-Z]*r/i.test(a));
      let status = 0;
      for (const f of args.filter((a) => !a.startsWith("-"))) {
        if (!fs.remove(f, recursive) && !force) {
          io.stderr(`rm: can't remove '${f}': No such file or directory\n`);
          status = 1;
        }
      }
      return { status };
    }
    case "mkdir":
      for (const d of args.filter((a) => !a.startsWith("-"))) {
        const err = fs.mkdir(d);
        if (err && !args.includes("-p")) {
          io.stderr(`mkdir: can't create directory '${d}': ${err}\n`);
          return FAIL;
        }
      }
      return OK;
    case "cat": {
      const text = readInputs(args.filter((a) => a !== "-"), io, "cat");
      if (text === undefined) return FAIL;
      io.stdout(text);
      return OK;
    }
    case "ls": {
      const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join("");
      // Names starting with a dot are hidden unless -A (all but . and ..) or -a (those too).
      const shown = (names: string[]) => (flags.includes("a") ? [".", "..", ...names] : flags.includes("A") ? names : names.filter((n) => !n.startsWith(".")));
      const targets = args.filter((a) => !a.startsWith("-"));
      for (const t of targets.length ? targets : [io.vars.PWD ?? "/"]) {
        const all = fs.list(t);
        const list = all && shown(all);
        if (!list) {
          if (fs.exists(t)) io.stdout(`${t}\n`);
          else {
            io.stderr(`ls: ${t}: No such file or directory\n`);
            return FAIL;
          }
        } else if (list.length) io.stdout(list.join("\n") + "\n");
      }
      return OK;
    }
    case "find":
      return find(args, io);
    case "date": {
      const format = args.find((a) => a.startsWith("+"));
      io.stdout(formatDate(io.now, format?.slice(1)) + "\n");
      return OK;
    }
    case "hostname": {
      // -i resolves the name through the pod's /etc/hosts, where the kubelet put the pod IP.
      const resolve = args.includes("-i") || args.includes("-I");
      const ip = resolve ? (fs.read("/etc/hosts") ?? "").split("\n").map((l) => l.replace(/#.*/, "").trim().split(/\s+/)).find((f) => f.slice(1).includes(io.host.hostname))?.[0] : undefined;
      io.stdout(`${resolve ? (ip ?? "") : io.host.hostname}\n`);
      return OK;
    }
    case "env":
    case "printenv": {
      if (program === "printenv" && args.length) {
        const v = io.vars[args[0]];
        if (v === undefined) return FAIL;
        io.stdout(v + "\n");
        return OK;
      }
      io.stdout(Object.entries(io.vars).filter(([k]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && k !== "PS1").map(([k, v]) => `${k}=${v}\n`).join(""));
      return OK;
    }
    case "export":
      for (const a of args) {
        const eq = a.indexOf("=");
        if (eq > 0) io.vars[a.slice(0, eq)] = a.slice(eq + 1);
      }
      return OK;
    case "unset":
      for (const a of args) delete io.vars[a];
      return OK;
    case "set":
      for (const a of args) if (/^-[a-z]+$/.test(a)) io.vars["-"] = (io.vars["-"] ?? "") + a.slice(1);
      return OK;
    case "cd":
      if (args[0] && !fs.isDirectory(args[0])) {
        io.stderr(`${io.shell}: cd: can't cd to ${args[0]}: No such file or directory\n`);
        return { status: 2 };
      }
      io.vars.PWD = args[0] ?? io.vars.HOME ?? "/";
      return OK;
    case "pwd":
      io.stdout((io.vars.PWD ?? "/") + "\n");
      return OK;
    case "seq": {
      const nums = args.map(Number);
      const [from, to] = nums.length >= 2 ? [nums[0], nums[nums.length - 1]] : [1, nums[0]];
      const lines: string[] = [];
      for (let i = from; i <= to && lines.length < 100_000; i++) lines.push(String(i));
      if (lines.length) io.stdout(lines.join("\n") + "\n");
      return OK;
    }
    case "expr": {
      const [a, op, b] = args;
      const x = Number(a);
      const y = Number(b);
      const r = op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : op === "/" ? Math.trunc(x / y) : op === "%" ? x % y : NaN;
      io.stdout(`${Number.isNaN(r) ? a : r}\n`);
      return { status: r === 0 ? 1 : 0 };
    }
    case "head":
    case "tail": {
      if (program === "tail" && args.some((a) => a === "-f" || a === "-F")) return { status: 0, sleepMs: Infinity };
      const nIndex = args.indexOf("-n");
      const n = nIndex >= 0 ? Number(args[nIndex + 1]) : Number(args.find((a) => /^-\d+$/.test(a))?.slice(1) ?? 10);
      const files = args.filter((a, i) => !a.startsWith("-") && i !== nIndex + 1);
      const text = readInputs(files, io, program);
      if (text === undefined) return FAIL;
      const lines = text.split("\n");
      if (lines[lines.length - 1] === "") lines.pop();
      const picked = program === "head" ? lines.slice(0, n) : lines.slice(-n);
      if (picked.length) io.stdout(picked.join("\n") + "\n");
      return OK;
    }
    case "wc": {
      const text = readInputs(args.filter((a) => !a.startsWith("-")), io, "wc") ?? "";
      io.stdout(`${text.split("\n").length - 1}\n`);
      return OK;
    }
    case "grep": {
      const flags = args.filter((a) => a.startsWith("-")).join("");
      const [pattern, ...files] = args.filter((a) => !a.startsWith("-"));
      const text = readInputs(files, io, "grep");
      if (text === undefined) return { status: 2 };
      const re = new RegExp(pattern.replace(/[.+?^${}()|[\]\\]/g, (c) => (c === "." ? "." : `\\${c}`)), flags.includes("i") ? "i" : "");
      const matched = text.split("\n").filter((l, i, all) => (i < all.length - 1 || l !== "") && re.test(l) !== flags.includes("v"));
      if (flags.includes("c")) io.stdout(`${matched.length}\n`);
      else if (!flags.includes("q") && matched.length) io.stdout(matched.join("\n") + "\n");
      return matched.length ? OK : FAIL;
    }
    case "cp": {
      const files = args.filter((a) => !a.startsWith("-"));
      const dest = files.pop();
      for (const f of files) {
        const content = fs.read(f);
        if (content === undefined || !dest) {
          io.stderr(`cp: can't stat '${f}': No such file or directory\n`);
          return FAIL;
        }
        fs.write(fs.isDirectory(dest) ? `${dest}/${f.replace(/^.*\//, "")}` : dest, content, false);
      }
      return OK;
    }
    case "tee": {
      const append = args.includes("-a");
      for (const f of args.filter((a) => !a.startsWith("-"))) fs.write(f, io.stdin, append);
      io.stdout(io.stdin);
      return OK;
    }
    case "kill":
    case "trap":
    case "wait":
    case "shift":
    case "sync":
      return OK;
    case "read":
      return FAIL;
    case "id":
      io.stdout(`uid=${io.vars.__UID ?? "0"}(${io.vars.__USER ?? "root"}) gid=${io.vars.__GID ?? "0"}(${io.vars.__GROUP ?? "root"}) groups=${io.vars.__GID ?? "0"}(${io.vars.__GROUP ?? "root"})\n`);
      return OK;
    case "whoami":
      io.stdout(`${io.vars.__USER ?? "root"}\n`);
      return OK;
    case "uname":
      io.stdout(args.includes("-a") ? `Linux ${io.host.hostname} 5.15.0-143-generic #153-Ubuntu SMP Fri Jun 13 19:10:45 UTC 2025 x86_64 GNU/Linux\n` : args.includes("-r") ? "5.15.0-143-generic\n" : "Linux\n");
      return OK;
    case "wget":
      return wget(args, io);
    case "curl":
      return curl(args, io);
    case "nslookup": {
      const target = args.find((a) => !a.startsWith("-"));
      if (!target) return FAIL;
      const r = io.host.resolve(target);
      io.stdout(`Server:\t\t${r.server}\nAddress:\t${r.server}:53\n\n`);
      if (!r.ok) {
        io.stdout(`** server can't find ${target}: NXDOMAIN\n\n`);
        return FAIL;
      }
      io.stdout(`Name:\t${r.name}\n${r.addresses.map((a) => `Address: ${a}\n`).join("")}\n`);
      return OK;
    }
    case "nc": {
      if (args.some((a) => /^-[a-zA-Z]*l/.test(a))) return io.host.serve(argv) ? { status: 0, sleepMs: io.background ? undefined : Infinity } : FAIL;
      const positional = args.filter((a) => !a.startsWith("-") && !/^\d+$/.test(a) === true || /^\d+$/.test(a));
      const [host, port] = positional.filter((a) => !a.startsWith("-"));
      const r = io.host.connect(host, Number(port));
      if (args.some((a) => a.includes("v"))) io.stderr(r.ok ? `${host} (${host}:${port}) open\n` : `nc: ${host} (${host}:${port}): ${r.error ?? "Connection refused"}\n`);
      return r.ok ? OK : FAIL;
    }
    case "ping": {
      const host = args.filter((a) => !a.startsWith("-") && !/^\d+$/.test(a)).pop() ?? "";
      const r = io.host.resolve(host);
      if (!r.ok) {
        io.stderr(`ping: bad address '${host}'\n`);
        return FAIL;
      }
      io.stdout(`PING ${host} (${r.addresses[0]}): 56 data bytes\n`);
      return OK;
    }
    case "stress": {
      const bytes = args[args.indexOf("--vm-bytes") + 1];
      const workers = Number(args[args.indexOf("--vm") + 1] ?? 1) || 1;
      if (args.includes("--vm") && bytes) {
        const m = /^(\d+)([kKmMgG]?)/.exec(bytes);
        const mib = m ? (Number(m[1]) * ({ "": 1 / 1048576, k: 1 / 1024, K: 1 / 1024, m: 1, M: 1, g: 1024, G: 1024 }[m[2]] ?? 1)) : 256;
        io.host.allocate(mib * workers);
      }
      const cpus = args.includes("--cpu") ? Number(args[args.indexOf("--cpu") + 1]) || 0 : 0;
      if (cpus > 0) io.host.allocate(0, cpus * 1000);
      io.stdout(`stress: info: [1] dispatching hogs: ${args.includes("--cpu") ? args[args.indexOf("--cpu") + 1] : 0} cpu, 0 io, ${args.includes("--vm") ? workers : 0} vm, 0 hdd\n`);
      const timeout = args.includes("--timeout") ? parseDuration(args[args.indexOf("--timeout") + 1]) : Infinity;
      return { status: 0, sleepMs: timeout };
    }
  }
  const check = HEALTH_CHECKS[program];
  if (check && io.host.has(name)) return check(args, io);
  if (SERVERS.has(name) || SERVERS.has(program) || (/^python3?$/.test(program) && args[0] === "-m" && args[1] === "http.server")) {
    if (!io.host.has(name) && !io.host.has(program)) return notFound(name, io);
    if (!io.host.serve(argv)) return FAIL;
    return io.background ? OK : { status: 0, sleepMs: Infinity };
  }
  if (!io.host.has(name) && !io.host.has(program)) return notFound(name, io);
  io.stderr(`${name}: this program is not available inside Kubecoach containers yet\n`);
  return { status: 127 };
}

/** The health-check helpers images ship, answering from their own server's state. */
const HEALTH_CHECKS: Record<string, (args: string[], io: CommandIO) => CommandResult> = {
  "check-status": () => OK,
  "calico-node": (args, io) => (args.some((a) => /ready|live/.test(a)) ? (io.host.selfListening(9099) ? OK : FAIL) : OK),
  pg_isready: (_args, io) => {
    const up = io.host.selfListening(5432);
    io.stdout(`/var/run/postgresql:5432 - ${up ? "accepting connections" : "no response"}\n`);
    return up ? OK : { status: 2 };
  },
  "redis-cli": (args, io) => {
    if (!io.host.selfListening(6379)) {
      io.stderr("Could not connect to Redis at 127.0.0.1:6379: Connection refused\n");
      return FAIL;
    }
    io.stdout(args.includes("ping") || args.includes("PING") ? "PONG\n" : "OK\n");
    return OK;
  },
  mysqladmin: (_args, io) => {
    if (!io.host.selfListening(3306)) {
      io.stderr("mysqladmin: connect to server at 'localhost' failed\nerror: 'Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)'\n");
      return FAIL;
    }
    io.stdout("mysqld is alive\n");
    return OK;
  },
};

function notFound(name: string, io: CommandIO): CommandResult {
  io.stderr(io.shell === "bash" ? `bash: line 1: ${name}: command not found\n` : `${io.shell}: ${name}: not found\n`);
  return { status: 127 };
}
