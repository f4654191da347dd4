/** cobra's Levenshtein distance (case-insensitive), used for "Did you mean this?" suggestions. */
export function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let j = 1; j <= t.length; j++) {
    for (let i = 1; i <= s.length; i++) {
      if (s[i - 1] === t[j - 1]) d[i][j] = d[i - 1][j - 1];
      else d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + 1);
    }
  }
  return d[s.length][t.length];
}

/** Command names within distance 2 or starting with the typed text, in the order given. */
export function suggestionsFor(typed: string, names: string[]): string[] {
  return names.filter((name) => levenshtein(typed, name) <= 2 || name.toLowerCase().startsWith(typed.toLowerCase()));
}
