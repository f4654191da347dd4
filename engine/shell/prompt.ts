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

export function expandPrompt(ps: string, ctx: PromptContext): string {
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
  return expandParameters(out, ctx.variable);
}

function expandParameters(text: string, variable: (name: string) => string | undefined): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[+-])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name, op, word, bare) => {
    if (bare) return variable(bare) ?? "";
    const value = variable(name);
    if (!op) return value ?? "";
    const set = op.startsWith(":") ? !!value : value !== undefined;
    if (op.endsWith("+")) return set ? expandParameters(word, variable) : "";
    return set ? value! : expandParameters(word, variable);
  });
}
