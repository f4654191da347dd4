/**
 * Records the help text of every kubectl command from the real kubectl binary, so the emulator's
 * `--help` output and its flag definitions are exactly those of the version it imitates.
 * Run: npx tsx engine/kubectl/help/capture-help.ts [/path/to/kubectl]   (rewrites help-texts.json)
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const ENV = { PATH: "/usr/bin:/bin", HOME: "/root", KUBECONFIG: "/dev/null" } as unknown as NodeJS.ProcessEnv;
const KUBECTL = process.argv[2] ?? "/usr/lib/google-cloud-sdk/bin/kubectl.1.33";

function help(path: string[]): string {
  return execFileSync(KUBECTL, [...path, "--help"], {
    encoding: "utf8",
    env: ENV,
  });
}

/** Subcommand names listed by a help text (lines of its command sections). */
function subcommands(text: string): string[] {
  const names: string[] = [];
  let inSection = false;
  for (const line of text.split("\n")) {
    if (/^[A-Z][^:]*:\s*$/.test(line)) {
      inSection = /Commands/.test(line) || /Commands \(/.test(line);
      continue;
    }
    const m = inSection ? /^ {2}([a-z][a-z0-9-]*)\s{2,}/.exec(line) : null;
    if (m) names.push(m[1]);
    else if (line.trim() === "") continue;
    else inSection = false;
  }
  return names;
}

const texts: Record<string, string> = {};
const queue: string[][] = [[]];
while (queue.length > 0) {
  const path = queue.shift()!;
  const text = help(path);
  texts[path.join(" ")] = text;
  for (const name of subcommands(text)) {
    if (name === "help") continue;
    queue.push([...path, name]);
  }
}
texts["options"] = execFileSync(KUBECTL, ["options"], { encoding: "utf8", env: ENV });
const out = join(import.meta.dirname, "help-texts.json");
writeFileSync(out, JSON.stringify(texts, null, 1) + "\n");
process.stdout.write(`${Object.keys(texts).length} help texts written to ${out}\n`);
