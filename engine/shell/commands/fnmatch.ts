/**
 * fnmatch(3): `*`, `?`, `[...]` (`!`/`^` negate), `\` escapes; with FNM_PERIOD (`period`, as ls
 * uses it) a leading dot must be matched by a dot.
 */
export function matchesGlob(pattern: string, name: string, period = true): boolean {
  let source = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") source += i === 0 && period ? "(?!\\.)[^]*" : "[^]*";
    else if (c === "?") source += i === 0 && period ? "[^.]" : "[^]";
    else if (c === "\\" && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close < 0) {
        source += "\\[";
        continue;
      }
      let set = pattern.slice(i + 1, close);
      const negate = set[0] === "!" || set[0] === "^";
      if (negate) set = set.slice(1);
      source += `[${negate ? "^" : ""}${set.replace(/[\\\]^]/g, "\\$&")}]`;
      i = close;
    } else source += escapeRegExp(c);
  }
  return new RegExp(`${source}$`, "u").test(name);
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
