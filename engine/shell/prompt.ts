/**
 * Expands PS1 the way bash does for the prompt: backslash escapes first (\u, \h, \w, \$, …), then
 * parameter expansion of simple forms (`$VAR`, `${VAR}`, `${VAR:+word}`, `${VAR:-word}`), which is
 * what Ubuntu's default prompt (`${debian_chroot:+($debian_chroot)}\u@\h:\w\$ `) needs.
 */
export interface PromptContext {
  user: string;
  uid: number;
  hostname: string;
  cwd: string;
  home: string;
  /** Cluster time, for \t, \T, \@, \A and \d. */
  now: Date;
  historyNumber: number;
  commandNumber: number;
  variable(name: string): string | undefined;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

export function tildePath(cwd: string, home: string): string {
  if (home && home !== "/" && (cwd === home || cwd.startsWith(`${home}/`))) return `~${cwd.slice(home.length)}`;
  return cwd;
}

/** What a prompt text's escapes read besides the user, host and directory (found once per text). */
const escapeUses = new Map<string, { time: boolean; history: boolean; command: boolean }>();
let lastEscapes: { key: string; text: string } | undefined;

export function expandPrompt(ps: string, ctx: PromptContext): string {
  // The prompt is expanded after every command line, mostly to the same text: the escapes are
  // expanded again only when what they read changed.
  let uses = escapeUses.get(ps);
  if (!uses) {
    if (escapeUses.size >= PROMPT_CACHE_LIMIT) escapeUses.clear();
    uses = { time: /\\[tT@Ad]/.test(ps), history: ps.includes("\\!"), command: ps.includes("\\#") };
    escapeUses.set(ps, uses);
  }
  const key = `${ps}\0${ctx.user}\0${ctx.uid}\0${ctx.hostname}\0${ctx.cwd}\0${ctx.home}\0${uses.time ? ctx.now.getTime() : ""}\0${uses.history ? ctx.historyNumber : ""}\0${uses.command ? ctx.commandNumber : ""}`;
  if (lastEscapes?.key !== key) lastEscapes = { key, text: expandEscapes(ps, ctx) };
  return expandParameters(lastEscapes.text, ctx.variable);
}

function expandEscapes(ps: string, ctx: PromptContext): string {
  let out = "";
  for (let i = 0; i < ps.length; i++) {
    const c = ps[i];
    if (c !== "\\" || i + 1 >= ps.length) {
      out += c;
      continue;
    }
    const e = ps[++i];
    const d = ctx.now;
    switch (e) {
      case "u": out += ctx.user; break;
      case "h": out += ctx.hostname.split(".")[0]; break;
      case "H": out += ctx.hostname; break;
      case "w": out += tildePath(ctx.cwd, ctx.home); break;
      case "W": {
        const t = tildePath(ctx.cwd, ctx.home);
        out += t === "/" || t === "~" ? t : t.slice(t.lastIndexOf("/") + 1);
        break;
      }
      case "$": out += ctx.uid === 0 ? "#" : "$"; break;
      case "n": out += "\n"; break;
      case "r": out += "\r"; break;
      case "s": out += "bash"; break;
      case "v": out += "5.1"; break;
      case "V": out += "5.1.16"; break;
      case "!": out += String(ctx.historyNumber); break;
      case "#": out += String(ctx.commandNumber); break;
      case "j": out += "0"; break;
      case "l": out += "pts/0"; break;
      case "t": out += `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`; break;
      case "T": out += `${pad(d.getUTCHours() % 12 || 12)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`; break;
      case "@": out += `${pad(d.getUTCHours() % 12 || 12)}:${pad(d.getUTCMinutes())} ${d.getUTCHours() < 12 ? "AM" : "PM"}`; break;
      case "A": out += `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`; break;
      case "d": out += `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())}`; break;
      case "e": out += "\x1b"; break;
      case "a": out += "\x07"; break;
      case "[": case "]": break;
      case "\\": out += "\\"; break;
      default:
        if (/[0-7]/.test(e)) {
          const oct = /^[0-7]{1,3}/.exec(ps.slice(i))![0];
          out += String.fromCharCode(parseInt(oct, 8));
          i += oct.length - 1;
        } else out += `\\${e}`;
    }
  }
  return out;
}

/**
 * The prompt is expanded after every command line, and the same few texts with the same values
 * come back each time: the names a text refers to are found once, and the last expansion of each
 * text is kept with the values it used.
 */
const PROMPT_CACHE_LIMIT = 64;
const expansions = new Map<string, { names: string[]; values?: (string | undefined)[]; result?: string }>();

function expandParameters(text: string, variable: (name: string) => string | undefined): string {
  if (!text.includes("$")) return text;
  let entry = expansions.get(text);
  if (!entry) {
    if (expansions.size >= PROMPT_CACHE_LIMIT) expansions.clear();
    // Every name the text can refer to, including inside ${X:+word}: the result depends on no others.
    entry = { names: [...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]) };
    expansions.set(text, entry);
  }
  const values = entry.names.map(variable);
  if (entry.values && entry.result !== undefined && values.every((v, i) => v === entry.values![i])) return entry.result;
  const result = substitute(text, variable);
  entry.values = values;
  entry.result = result;
  return result;
}

function substitute(text: string, variable: (name: string) => string | undefined): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[+-])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name, op, word, bare) => {
    if (bare) return variable(bare) ?? "";
    const value = variable(name);
    if (!op) return value ?? "";
    const set = op.startsWith(":") ? !!value : value !== undefined;
    if (op.endsWith("+")) return set ? substitute(word, variable) : "";
    return set ? value! : substitute(word, variable);
  });
}
