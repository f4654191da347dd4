import type { Program } from "../../process/types";
import { PAGES, type ManPage } from "./pages";

/** man: the short pages in pages.ts, laid out as man does for an 80-column terminal. */
function wrap(text: string, indent: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(" ".repeat(indent) + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(" ".repeat(indent) + line);
  return lines;
}

export function renderPage(command: string, page: ManPage, width = 80): string {
  const label = `${command.toUpperCase()}(${page.section})`;
  const gap = Math.max(1, width - 2 * label.length - page.title.length);
  const header = `${label}${" ".repeat(Math.floor(gap / 2))}${page.title}${" ".repeat(Math.ceil(gap / 2))}${label}`;
  const out = [header, "", "NAME", ...wrap(page.name, 7, width), "", "SYNOPSIS", ...page.synopsis.flatMap((s) => wrap(s, 7, width)), "", "DESCRIPTION"];
  page.description.forEach((p, i) => out.push(...(i ? [""] : []), ...wrap(p, 7, width)));
  if (page.options?.length) {
    out.push("", "OPTIONS");
    for (const [name, text] of page.options) out.push(`       ${name}`, ...wrap(text, 14, width), "");
    out.pop();
  }
  if (page.seeAlso?.length) out.push("", "SEE ALSO", `       ${page.seeAlso.join(", ")}`);
  out.push("", `${" ".repeat(Math.max(0, Math.floor((width - 9) / 2)))}Kubecoach${" ".repeat(Math.max(0, width - 9 - Math.floor((width - 9) / 2) - label.length))}${label}`);
  return `${out.join("\n")}\n`;
}

export const man: Program = async (ctx) => {
  const names = ctx.args.filter((a) => !a.startsWith("-") && !/^\d$/.test(a));
  if (ctx.args.includes("-k") || ctx.args.includes("--apropos")) {
    const term = names[0]?.toLowerCase() ?? "";
    const hits = Object.entries(PAGES).filter(([n, p]) => n.includes(term) || p.name.toLowerCase().includes(term));
    if (hits.length === 0) {
      ctx.stdout(`${term}: nothing appropriate.\n`);
      return 16;
    }
    ctx.stdout(hits.map(([n, p]) => `${`${n} (${p.section})`.padEnd(22)}- ${p.name.split(" - ").slice(1).join(" - ")}\n`).join(""));
    return 0;
  }
  if (names.length === 0) {
    ctx.stderr("What manual page do you want?\nFor example, try 'man man'.\n");
    return 1;
  }
  let status = 0;
  for (const name of names) {
    const page = PAGES[name];
    if (!page) {
      ctx.stderr(`No manual entry for ${name}\n`);
      status = 16;
      continue;
    }
    ctx.stdout(renderPage(name, page, Math.min(ctx.terminal.columns || 80, 80)));
  }
  return status;
};
