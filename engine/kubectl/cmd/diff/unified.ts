import { structuredPatch } from "diff";

/** GNU diff's hunk range: `start,count`, the count left out when it is 1 and the start one less when empty. */
function range(start: number, count: number): string {
  if (count === 0) return `${Math.max(start - 1, 0)},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/**
 * `diff -u -N LIVE/file MERGED/file` for one object: the command line GNU diff prints when it
 * compares directories, the two file headers with their modification times, then the hunks (3
 * lines of context). Empty when the texts are equal.
 */
export function unifiedDiff(from: { path: string; text: string; time: string }, to: { path: string; text: string; time: string }): string {
  if (from.text === to.text) return "";
  const patch = structuredPatch(from.path, to.path, from.text, to.text, "", "", { context: 3 });
  const out = [`diff -u -N ${from.path} ${to.path}`, `--- ${from.path}\t${from.time}`, `+++ ${to.path}\t${to.time}`];
  for (const hunk of patch.hunks) {
    out.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`);
    for (const line of hunk.lines) out.push(line);
  }
  return `${out.join("\n")}\n`;
}
