/**
 * yq's documentation examples replayed through Kubecoach's yq: each example's files are written, its
 * command run in the simulated shell (stdout and stderr, piped, so without colours) and the output
 * compared with what the page says yq prints. The pages are yq's own (pkg/yqlib/doc of the yq
 * source at the release `yq --version` names); they are not kept in this repository, so give their
 * folder:
 *
 *   npx tsx engine/shell/test/yq-doc-examples.ts DOC_DIR [--only PAGE] [--show]
 *
 * yq-doc-differences.json lists the examples known to differ, each with the reason. The run fails
 * (exit 1) when an example not on that list differs, and when a listed one now matches (the list is
 * then stale); it prints the differing examples by page.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Environment } from "../../cluster/environment";
import { createTerminal } from "../terminal";

interface Example {
  page: string;
  title: string;
  files: { name: string; text: string }[];
  command: string;
  expected: string;
}

/** The examples of one page: `## title`, then files ("… file of:"), a bash block, "will output". */
function readPage(page: string, text: string): Example[] {
  const examples: Example[] = [];
  const lines = text.split("\n");
  let title = "";
  let files: Example["files"] = [];
  let command: string | undefined;
  let pending: "file" | "command" | "output" | undefined;
  let fileName = "";
  const counts = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("## ")) {
      title = line.slice(3).trim();
      files = [];
      command = undefined;
      continue;
    }
    const file = / '?([\w-]+\.\w+)'? (?:expression )?file of:$/.exec(line);
    if (file) {
      pending = "file";
      fileName = file[1];
      continue;
    }
    if (line === "then" || line === "Running") {
      pending = "command";
      continue;
    }
    if (line === "will output") {
      pending = "output";
      continue;
    }
    if (!line.startsWith("```") || pending === undefined) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i]);
    const block = body.length ? `${body.join("\n")}\n` : "";
    if (pending === "file") files.push({ name: fileName, text: block });
    else if (pending === "command") command = block;
    else if (command !== undefined) {
      const n = (counts.get(title) ?? 0) + 1;
      counts.set(title, n);
      examples.push({ page, title: n > 1 ? `${title} (${n})` : title, files: [...files], command, expected: block });
    }
    pending = undefined;
  }
  return examples;
}

function readExamples(docDir: string): Example[] {
  const examples: Example[] = [];
  for (const folder of ["operators", "usage"]) {
    const dir = join(docDir, folder);
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".md")).sort()) {
      examples.push(...readPage(`${folder}/${name.replace(/\.md$/, "")}`, readFileSync(join(dir, name), "utf8")));
    }
  }
  return examples;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const docDir = args.find((a) => !a.startsWith("--") && args[args.indexOf(a) - 1] !== "--only");
  if (!docDir) {
    console.error("usage: npx tsx engine/shell/test/yq-doc-examples.ts DOC_DIR [--only PAGE] [--show]");
    process.exit(2);
  }
  const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
  const show = args.includes("--show");
  const known = JSON.parse(readFileSync(new URL("./yq-doc-differences.json", import.meta.url), "utf8")) as Record<string, Record<string, string>>;
  const examples = readExamples(docDir).filter((e) => !only || e.page === only || e.page.endsWith(`/${only}`));

  const terminal = createTerminal(Environment.create(), { host: "controlplane" });
  await terminal.ready;
  const run = async (line: string) => {
    let out = "";
    await terminal.exec(line, (d) => (out += d));
    return out;
  };

  let passed = 0;
  const unexpected: string[] = [];
  const stale: string[] = [];
  const differing = new Map<string, string[]>();
  for (const [n, example] of examples.entries()) {
    const dir = `/tmp/yqdoc/${n}`;
    let setup = `mkdir -p ${dir} && cd ${dir}`;
    // One line: the terminal runs a line at a time, and base64 carries any text through it.
    for (const f of example.files) setup += ` && echo ${Buffer.from(f.text).toString("base64")} | base64 -d > ${f.name}`;
    // An expression file the page runs as a script (`./update.yq`) is executable there.
    for (const f of example.files.filter((f) => f.text.startsWith("#!"))) setup += ` && chmod +x ${f.name}`;
    await run(setup);
    // Piped, as the documentation's outputs were taken; each example in a subshell of its own.
    const actual = await run(`( ${example.command.replace(/\n$/, "")}\n) 2>&1 | cat`);
    const reason = known[example.page]?.[example.title];
    const same = actual === example.expected;
    if (same) passed++;
    if (same && reason) stale.push(`${example.page}: ${example.title}`);
    if (!same) {
      differing.set(example.page, [...(differing.get(example.page) ?? []), example.title]);
      if (!reason) unexpected.push(`${example.page}: ${example.title}`);
      if (show || !reason) {
        console.log(`--- ${example.page}: ${example.title}${reason ? ` (known: ${reason})` : ""}\n$ ${example.command}expected:\n${example.expected}actual:\n${actual}`);
      }
    }
  }
  for (const [page, titles] of differing) console.log(`${page}: ${titles.length} differ`);
  for (const s of stale) console.log(`now matches, remove from yq-doc-differences.json: ${s}`);
  console.log(`${passed} passed, ${examples.length - passed} failed (${examples.length - passed - unexpected.length} known differences)`);
  process.exit(unexpected.length > 0 || stale.length > 0 ? 1 : 0);
}

void main();
