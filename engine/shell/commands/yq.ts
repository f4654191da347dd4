import { latin1FromBytes, type Command, type ResolvedCommandContext } from "just-bash";
import { typedStdin, type InvocationIO } from "../bridge";
import type { ShellFrame } from "../frame";
import { shellCommand } from "./index";
import { JQ } from "./jq-runner";
import { parseYqArgs, YqFlagError, type YqOptions } from "./yq-args";
import { YqSyntaxError } from "./yq-expression";
import { colourise, colouriseYaml } from "./yq-colour";
import { CsvEncodeError, printCsv } from "./yq-csv";
import { translate, YQ_LIBRARY, YqUnavailableError, type YqProgram } from "./yq-jq";
import { buildNode, nodeFacts, prettify, printJson, printYaml, readDocuments, YamlReadError, type Output, type SourceDocument } from "./yq-yaml";

/**
 * yq — mikefarah's yq v4 (what the exam-practice machines have), not just-bash's, whose engine got
 * path expressions wrong: `yq -i '(.spec.containers[0].command[] | select(test("^--kubeconfig=")))
 * = "…"'` replaced a whole static pod manifest with one string. The expression is translated to jq
 * (yq-jq.ts) and run by jq's own engine in the jq worker (jq-runner.ts: its time, output and memory
 * limits apply); the documents go in as JSON and come back as YAML printed as yq prints it
 * (yq-yaml.ts), unchanged parts keeping their comments and styles.
 */
export const YQ_VERSION = "v4.53.6";

/** The documents' JSON and the evaluation run in one file of jq's filesystem. */
const INPUT_PATH = "/yq/input.json";

interface Loaded extends SourceDocument {
  fileIndex: number;
  documentIndex: number;
  filename: string;
}

class YqError extends Error {}

export function yqCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "yq", async (args, ctx, io) => {
    try {
      return await runYq(frame, args, ctx, io);
    } catch (err) {
      if (err instanceof YqError || err instanceof YqFlagError || err instanceof YqSyntaxError || err instanceof CsvEncodeError) {
        io.err.push(`Error: ${err.message}\n`);
        return 1;
      }
      if (err instanceof YqUnavailableError) {
        io.err.push(`Error: the yq operator '${err.message}' is not available in Kubecoach yet\n`);
        return 1;
      }
      throw err;
    }
  });
}

async function runYq(frame: ShellFrame, args: string[], ctx: ResolvedCommandContext, io: InvocationIO): Promise<number> {
  const options = parseYqArgs(args);
  if (options.version) {
    io.out.push(`yq (https://github.com/mikefarah/yq/) version ${YQ_VERSION}\n`);
    return 0;
  }
  if (options.help) {
    io.out.push(YQ_USAGE);
    return 0;
  }
  if (options.unavailable) {
    const what = options.unavailable.startsWith("command") ? `the yq ${options.unavailable}` : `the flag ${options.unavailable}`;
    throw new YqError(`${what} is not available in Kubecoach yet`);
  }
  const { expression, files } = await expressionAndFiles(options, ctx, io);
  if (options.inPlace && files.length === 0) throw new YqError("write in place flag only applicable when giving an expression and at least one file");
  if (options.nullInput && files.length > 0) throw new YqError("cannot pass files in when using null-input flag");
  if (options.indent < 0) throw new YqError("indent must not be negative");
  if (!options.nullInput && files.length === 0) {
    // No file and standard input is the terminal: yq prints its usage.
    io.out.push(`${YQ_USAGE}\n`);
    return 0;
  }
  checkInputFormat(options, files);
  const outputFormat = resolveOutputFormat(options, files);
  const environment = Object.fromEntries(Object.entries(ctx.exportedEnv ?? {}).filter(([k]) => !k.startsWith("__KC")));
  const program = translate(expression, options.allAtOnce, environment);

  let stdin: string | undefined;
  if (files.includes("-") && io.position.stdinFromTerminal) {
    // `yq '.a' -` at the terminal reads what is typed until Ctrl-D.
    const typed = await typedStdin(frame.runtime, ctx, "yq", args, io, io.position);
    if (typed?.interrupted) return 130;
    stdin = typed?.text;
  }
  const documents: Loaded[] = [];
  if (options.nullInput) documents.push({ document: undefined as never, value: null, text: "", fileIndex: 0, documentIndex: 0, filename: "" });
  for (const [fileIndex, name] of files.entries()) {
    const text = name === "-" ? (stdin ?? latin1ToUtf8(ctx.stdin)) : await readFile(ctx, name);
    let read: SourceDocument[];
    try {
      read = readDocuments(text, program.usesNodes);
      // yq's JSON decoder makes nodes of no particular style: printed as YAML they are block
      // collections and plain scalars where plain text holds them.
      if (readsJson(options, name)) for (const d of read) prettify(d.document.contents);
    } catch (err) {
      if (err instanceof YamlReadError) throw new YqError(`bad file '${name}': ${err.message}`);
      throw err;
    }
    read.forEach((d, documentIndex) => documents.push({ ...d, fileIndex, documentIndex, filename: name === "-" ? "" : name }));
  }
  const loads = await loadFiles(program, ctx);
  const results = await evaluate(program, documents, loads, environmentValues(environment), io);
  if (results === undefined) return io.signal.aborted ? 130 : 1;

  let text = "";
  let previous: number | undefined;
  const unwrap = options.unwrapScalar ?? outputFormat === "yaml";
  const colours = coloursWanted(options, frame, ctx, io);
  let matched = false;
  for (const result of results) {
    const value = result.value;
    if (value !== null && value !== false) matched = true;
    // A scalar printed unwrapped is written as it is, never coloured (yq's encoders).
    const plain = !colours || (unwrap && (value === null || typeof value !== "object"));
    if (outputFormat === "json") {
      const json = printJson(value, options.indent, unwrap);
      text += plain ? json : colourise(json);
      continue;
    }
    if (outputFormat === "csv" || outputFormat === "tsv") {
      text += printCsv(value, outputFormat === "csv" ? "," : "\t");
      continue;
    }
    if (previous !== undefined && result.document !== previous && result.document >= 0 && !options.noDocSeparators) text += "---\n";
    if (result.document >= 0) previous = result.document;
    const yaml = printYaml(result.output, { indent: Math.min(Math.max(options.indent, 2), 9), pretty: options.pretty, unwrapScalar: unwrap, compactSequences: options.compactSequences });
    text += plain ? yaml : colouriseYaml(yaml, result.output.root && documents[result.document]?.documentIndex === 0);
  }
  if (options.inPlace) {
    await ctx.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, files[0]), text);
  } else {
    io.out.push(text);
  }
  if (options.exitStatus && !matched) throw new YqError("no matches found");
  return 0;
}

/**
 * yq colours what it prints when stdout is a terminal (cmd/utils.go setupColors), or always with
 * -C; -M or a non-empty NO_COLOR turns that off; -i writes colours only when forced by -C.
 */
function coloursWanted(options: YqOptions, frame: ShellFrame, ctx: ResolvedCommandContext, io: InvocationIO): boolean {
  if (options.forceColours) return true;
  if (options.inPlace || options.noColours || (ctx.exportedEnv?.NO_COLOR ?? "") !== "") return false;
  return io.position.stdoutToTerminal && frame.runtime.terminal().isTTY;
}

/** yq's reading of its operands (cmd/utils.go processArgs): the first is the expression unless it is a file. */
async function expressionAndFiles(options: YqOptions, ctx: ResolvedCommandContext, io: InvocationIO): Promise<{ expression: string; files: string[] }> {
  const operands = [...options.operands];
  let expression = options.expression;
  if (options.fromFile !== undefined) expression = (await readFile(ctx, options.fromFile)).replaceAll("\r\n", "\n");
  const piped = !io.position.stdinFromTerminal;
  // Standard input is read when it is piped and no file is named (yq appends "-").
  const isFile = async (name: string | undefined) => name !== undefined && name !== "-" && (await regularFile(ctx, name));
  if (!options.nullInput && piped && !(operands.length > 1) && !(operands.length > 0 && (await isFile(operands[0]))) && !operands.includes("-")) operands.push("-");
  if (expression === undefined && operands.length > 0 && operands[0] !== "-" && !(await isFile(operands[0]))) expression = operands.shift();
  return { expression: expression ?? ".", files: operands };
}

/** The file is read as JSON: -p json, or a .json file with the input format left to yq. */
function readsJson(options: YqOptions, name: string): boolean {
  const explicit = options.inputFormat !== "auto" && options.inputFormat !== "a";
  return explicit ? ["json", "j"].includes(options.inputFormat.toLowerCase()) : /\.json$/i.test(name);
}

/**
 * yq reads YAML (and JSON, which YAML reads); the other formats it decodes, named by -p or by the
 * file's extension, are not built here: reading them as YAML would print a wrong answer.
 */
function checkInputFormat(options: YqOptions, files: string[]): void {
  const explicit = options.inputFormat !== "auto" && options.inputFormat !== "a";
  const format = (explicit ? options.inputFormat : (files.find((f) => f !== "-")?.match(/\.([^./]+)$/)?.[1] ?? "yaml")).toLowerCase();
  const other = ["props", "p", "properties", "csv", "c", "tsv", "t", "xml", "x", "base64", "uri", "toml", "hcl", "h", "tf", "lua", "l", "ini", "i", "kyaml", "ky"];
  if (other.includes(format)) throw new YqError(`the input format '${format}' is not available in Kubecoach yet`);
  if (explicit && !["yaml", "y", "yml", "json", "j"].includes(format)) {
    throw new YqError(`unknown format '${options.inputFormat}' please use [auto|a|yaml|y|yml|kyaml|ky|json|j|props|p|properties|csv|c|tsv|t|xml|x|base64|uri|toml|hcl|h|tf|lua|l|ini|i]`);
  }
}

function resolveOutputFormat(options: YqOptions, files: string[]): "yaml" | "json" | "csv" | "tsv" {
  let format = options.outputFormat;
  if (format === "auto" || format === "a") {
    // yq prints in the format of the first file's extension (a .json file prints JSON); a format
    // named by -p prints YAML, as before yq's auto output (cmd/utils.go configureInputFormat).
    const explicit = options.inputFormat !== "auto" && options.inputFormat !== "a";
    const input = explicit ? "yaml" : (files.find((f) => f !== "-")?.match(/\.([^./]+)$/)?.[1] ?? "yaml").toLowerCase();
    format = input === "json" ? "json" : "yaml";
  }
  if (format === "yaml" || format === "y" || format === "yml") return "yaml";
  if (format === "json" || format === "j") return "json";
  if (format === "csv" || format === "c") return "csv";
  if (format === "tsv" || format === "t") return "tsv";
  const known = ["kyaml", "ky", "props", "p", "properties", "xml", "x", "base64", "uri", "toml", "hcl", "h", "tf", "shell", "s", "sh", "lua", "l", "ini", "i"];
  if (known.includes(format)) throw new YqError(`the output format '${format}' is not available in Kubecoach yet`);
  throw new YqError(`unknown format '${format}' please use [auto|a|yaml|y|yml|kyaml|ky|json|j|props|p|properties|csv|c|tsv|t|xml|x|base64|uri|toml|hcl|h|tf|shell|s|sh|lua|l|ini|i]`);
}

async function regularFile(ctx: ResolvedCommandContext, name: string): Promise<boolean> {
  try {
    return (await ctx.fs.stat(ctx.fs.resolvePath(ctx.cwd, name))).isFile;
  } catch {
    return false;
  }
}

async function readFile(ctx: ResolvedCommandContext, name: string): Promise<string> {
  const path = ctx.fs.resolvePath(ctx.cwd, name);
  let stat;
  try {
    stat = await ctx.fs.stat(path);
  } catch {
    throw new YqError(`open ${name}: no such file or directory`);
  }
  if (!stat.isFile) throw new YqError(`read ${name}: is a directory`);
  try {
    return new TextDecoder().decode(await ctx.fs.readFileBuffer(path));
  } catch {
    throw new YqError(`open ${name}: permission denied`);
  }
}

function latin1ToUtf8(stdin: ResolvedCommandContext["stdin"]): string {
  return Buffer.from(latin1FromBytes(stdin), "latin1").toString("utf8");
}

async function loadFiles(program: YqProgram, ctx: ResolvedCommandContext): Promise<unknown[]> {
  const values: unknown[] = [];
  for (const load of program.loads) {
    const text = await readFile(ctx, load.path);
    if (load.asString) values.push(text);
    else {
      try {
        values.push(readDocuments(text)[0]?.value ?? null);
      } catch (err) {
        if (err instanceof YamlReadError) throw new YqError(`bad file '${load.path}': ${err.message}`);
        throw err;
      }
    }
  }
  return values;
}

interface Result {
  value: unknown;
  /** Index in the documents array (-1: computed across documents by eval-all). */
  document: number;
  output: Output;
}

/**
 * One jq run. The expression is first read as paths of the input (so results that are nodes of
 * the input print from those nodes); when jq finds it is not a path expression (an update, a
 * computed value), the same run falls back to its values, each marked with its document.
 */
async function evaluate(program: YqProgram, documents: Loaded[], loads: unknown[], environment: () => Record<string, unknown>, io: InvocationIO): Promise<Result[] | undefined> {
  const meta = documents.map((d) => [d.fileIndex, d.documentIndex, d.filename]);
  const env = program.usesEnv ? environment() : {};
  const nodes = program.usesNodes ? documents.map((d) => (d.document ? nodeFacts(d) : {})) : [];
  const jq = `. as $__in | try (path(${program.results}) | {p: .}) catch (if type == "string" and startswith("Invalid path expression") then ($__in | ${program.values} | {v: ., f: true}) else error end)`;
  const input = new TextEncoder().encode(JSON.stringify(documents.map((d) => d.value)));
  const result = await JQ.run(
    {
      args: ["-c", "--argjson", "__yq_meta", JSON.stringify(meta), "--argjson", "__yq_env", JSON.stringify(env), "--argjson", "__yq_nodes", JSON.stringify(nodes), "--argjson", "__yq_loads", JSON.stringify(loads), jq, INPUT_PATH],
      cwd: "/",
      files: [{ path: INPUT_PATH, bytes: input }],
      library: YQ_LIBRARY,
    },
    io.signal,
  );
  if (result.kind === "stopped") {
    io.err.push(`kubecoach: command stopped (${result.reason.replace(/^jq /, "yq ")})\n`);
    return undefined;
  }
  const stdout = result.output.filter((o) => o.stream === "stdout").map((o) => o.text).join("");
  const stderr = result.output.filter((o) => o.stream === "stderr").map((o) => o.text).join("");
  let lines = stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as { p?: (string | number)[]; v?: { i: number; v: unknown }; f?: boolean });
  const fallback = lines.findIndex((l) => l.f);
  if (fallback >= 0) lines = lines.slice(fallback);
  const results: Result[] = lines.map((line) => (line.p ? fromPath(line.p, documents, program.explodes) : fromValue(line.v!, documents, program.explodes)));
  if (result.exitCode !== 0 || stderr) {
    throw new YqError(jqErrorText(stderr));
  }
  return results;
}

/**
 * The variables as env()/strenv() see them: `str:NAME` the text ("" when unset, as os.Getenv),
 * `yaml:NAME` the text read as a YAML document (null when unset or blank).
 */
function environmentValues(environment: Record<string, string>): () => Record<string, unknown> {
  return () => {
    const values: Record<string, unknown> = {};
    for (const [name, text] of Object.entries(environment)) {
      values[`str:${name}`] = text;
      try {
        values[`yaml:${name}`] = readDocuments(text)[0]?.value ?? null;
      } catch {
        values[`yaml:${name}`] = text;
      }
    }
    return values;
  };
}

function fromPath(path: (string | number)[], documents: Loaded[], explode: boolean): Result {
  const [index, ...rest] = path as [number, ...(string | number)[]];
  const source = documents[index];
  let value: unknown = source.value;
  let sliced = false;
  for (const key of rest) {
    if (key !== null && typeof key === "object") {
      // A slice (`.[1:3]`): jq's path element {start, end}.
      const { start, end } = key as { start: number | null; end: number | null };
      value = Array.isArray(value) || typeof value === "string" ? value.slice(start ?? 0, end ?? undefined) : null;
      sliced = true;
    } else value = value === null || value === undefined ? null : ((value as Record<string | number, unknown>)[key] ?? null);
  }
  const node = source.document && !sliced ? (rest.length === 0 ? source.document.contents : source.document.getIn(rest, true)) : undefined;
  return { value, document: index, output: { node: buildNode(value, node ?? undefined, { doc: source.document, explode }), from: source.document ? source : undefined, root: rest.length === 0 } };
}

function fromValue(result: { i: number; v: unknown }, documents: Loaded[], explode: boolean): Result {
  const source = documents[result.i >= 0 ? result.i : 0];
  const root = source?.document?.contents ?? undefined;
  const node = buildNode(result.v, root, { doc: source?.document, explode });
  const sameKind = result.v !== null && typeof result.v === "object";
  return { value: result.v, document: result.i, output: { node, from: source?.document ? source : undefined, root: sameKind } };
}

/** jq's `jq: error (at …): message` as yq's `message`. */
function jqErrorText(stderr: string): string {
  const first = stderr.split("\n").find((l) => l.trim() !== "") ?? "evaluation failed";
  // A message may span lines (envsubst lists every unset variable).
  const m = stderr.trimStart().match(/^jq: error \(at [^)]*\): ([\s\S]*?)\n*$/);
  if (m) return m[1].replace(/ \(not a string\)$/, "");
  return first.replace(/^jq: /, "");
}

/** yq's `--help` header and examples (cmd/root.go); the flag list is left to the documentation. */
const YQ_USAGE = `yq is a portable command-line data file processor (https://github.com/mikefarah/yq/) 
See https://mikefarah.gitbook.io/yq/ for detailed documentation and examples.

Usage:
  yq [flags]
  yq [command]

Examples:

# yq tries to auto-detect the file format based off the extension, and defaults to YAML if it's unknown (or piping through STDIN)
# Use the '-p/--input-format' flag to specify a format type.
cat file.xml | yq -p xml

# read the "stuff" node from "myfile.yml"
yq '.stuff' < myfile.yml

# update myfile.yml in place
yq -i '.stuff = "foo"' myfile.yml

# print contents of sample.json as idiomatic YAML
yq -P -oy sample.json


Available Commands:
  completion  Generate the autocompletion script for the specified shell
  eval        (default) Apply the expression to each document in each yaml file in sequence
  eval-all    Loads _all_ yaml documents of _all_ yaml files and runs expression once
  help        Help about any command

Use "yq [command] --help" for more information about a command.
`;
