import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * scenarios/KNOWN-GAPS.md lists the scenarios and exams whose self-test cannot pass until an engine
 * feature lands, each with the feature it waits on. Rows look like
 * `| scenario-id | what it waits on |`; the self-test treats exactly these as expected failures
 * and fails when one of them starts passing, so the list stays honest.
 */
export interface KnownGap {
  id: string;
  waitsOn: string;
  line: number;
}

const ROW = /^\|\s*`?([a-z0-9][a-z0-9-]*)`?\s*\|\s*(.+?)\s*\|\s*$/;

export function parseKnownGaps(text: string): KnownGap[] {
  const gaps: KnownGap[] = [];
  text.split("\n").forEach((line, i) => {
    const m = ROW.exec(line.trim());
    if (m && m[1] !== "id") gaps.push({ id: m[1], waitsOn: m[2], line: i + 1 });
  });
  return gaps;
}

export function loadKnownGaps(root: string): Map<string, KnownGap> {
  const file = join(root, "KNOWN-GAPS.md");
  if (!existsSync(file)) return new Map();
  return new Map(parseKnownGaps(readFileSync(file, "utf8")).map((g) => [g.id, g]));
}

const HEADER = `# Scenarios whose self-test waits on an engine feature

\`kubecoach scenarios test\` (and the CI test \`test/scenarios/self-test.test.ts\`) treat exactly the
ids below as expected failures, and fail when one of them starts passing, so this list stays
honest. Regenerate it with \`kubecoach scenarios test --write-gaps\` after engine features land;
the second column is the first reason the self-test gave.

| id | waits on |
|---|---|
`;

/** Rewrites KNOWN-GAPS.md from self-test results: one row per failing id with its first reason. */
export function writeKnownGaps(root: string, failing: { id: string; reason: string }[]): void {
  const rows = failing.map((f) => `| ${f.id} | ${f.reason.replace(/\|/g, "\\|").replace(/\n/g, " ").slice(0, 200)} |`);
  writeFileSync(join(root, "KNOWN-GAPS.md"), HEADER + rows.join("\n") + (rows.length ? "\n" : ""));
}
