import { parse, serialize, type ScriptNode } from "just-bash";
import { compoundLayout } from "./jobs-command";
import type { PipeStageSpec } from "./pipe-stages";
import { HOOK_PREFIX, PIPE_VAR, STREAM_VAR } from "./transform";

type FunctionDef = Extract<ScriptNode["statements"][number]["pipelines"][number]["commands"][number], { type: "FunctionDef" }>;

/**
 * A function as `declare -f` and `type` print it (bash's print_cmd.c): `NAME () `, `{ ` on a line
 * of its own (both with their trailing space), the body re-formatted four spaces in with a `;`
 * after each command, `}`.
 */
export function functionListing(def: FunctionDef): string {
  const body = deinstrument(structuredClone(def.body)) as FunctionDef["body"];
  const statements = body.type === "Group" ? body.body : [{ type: "Statement" as const, pipelines: [{ type: "Pipeline" as const, commands: [body], negated: false }], operators: [], background: false }];
  const text = statements.length ? serialize({ type: "Script", statements }) : "";
  // The body's last command has no `;` after it (a command inside an if or a loop keeps its own).
  const lines = text ? compoundLayout(text, 1).replace(/\n? {4}(?! )[^\n]*;$/, (last) => last.slice(0, -1)) : "";
  return `${def.name} () \n{ \n${lines ? `${lines}\n` : ""}}`;
}

/** The body as it was typed: without the stream marks and hook commands the shell added (transform.ts). */
function deinstrument(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(deinstrument);
  if (!node || typeof node !== "object") return node;
  const n = node as Record<string, unknown> & { type?: string };
  if (n.type === "Pipeline") restorePipeline(n as unknown as Pipeline);
  if (n.type === "SimpleCommand" && Array.isArray(n.assignments)) n.assignments = (n.assignments as { name: string }[]).filter((a) => a.name !== STREAM_VAR);
  const guarded = guardedCommand(n);
  if (guarded) return deinstrument(guarded);
  if (n.type === "Group" && Array.isArray(n.body)) {
    const kept = (n.body as unknown[]).filter((s) => !isHookStatement(s));
    // `{ __kc_exiting; exit; }` stood for `exit` alone.
    if (kept.length !== (n.body as unknown[]).length && kept.length === 1) {
      const only = kept[0] as { pipelines: { commands: unknown[] }[] };
      if (only.pipelines.length === 1 && only.pipelines[0].commands.length === 1) return deinstrument(only.pipelines[0].commands[0]);
    }
    n.body = kept;
  }
  // `read` from the terminal: case "${__KC_STREAM-}" in *I*) read …;; *) read … < tty;; esac
  if (n.type === "Case" && JSON.stringify(n.word ?? "").includes(STREAM_VAR)) {
    const first = (n.items as { body: { pipelines: { commands: unknown[] }[] }[] }[])[0]?.body[0];
    if (first) return deinstrument(first.pipelines[0].commands[0]);
  }
  for (const [key, value] of Object.entries(n)) if (value && typeof value === "object") n[key] = deinstrument(value);
  return n;
}

/** `{ __kc_cd_check ARGS && cd ARGS || __kc_status $?; } REDIRECTIONS` stood for `cd ARGS REDIRECTIONS` (transform.ts guardedCd). */
function guardedCommand(n: { type?: string; body?: unknown; redirections?: unknown }): unknown {
  if (n.type !== "Group" || !Array.isArray(n.body) || n.body.length !== 1) return undefined;
  const statement = n.body[0] as { pipelines: { commands: unknown[] }[]; operators: string[] };
  if (statement.pipelines.length !== 3 || statement.operators.join() !== "&&,||") return undefined;
  const [check, command, status] = statement.pipelines.map((p) => ({ type: "Statement", pipelines: [p] }));
  if (!isHookStatement(check) || !isHookStatement(status)) return undefined;
  const cd = (command.pipelines[0].commands[0] ?? {}) as { redirections?: unknown[] };
  return { ...cd, redirections: [...(cd.redirections ?? []), ...((n.redirections as unknown[]) ?? [])] };
}

function isHookStatement(statement: unknown): boolean {
  const pipelines = (statement as { pipelines?: { commands: { type: string; name?: { parts: { value?: string }[] } }[] }[] }).pipelines;
  const command = pipelines?.length === 1 && pipelines[0].commands.length === 1 ? pipelines[0].commands[0] : undefined;
  const name = command?.type === "SimpleCommand" ? command.name?.parts.map((p) => p.value ?? "").join("") : undefined;
  return name !== undefined && name.startsWith(`/usr/bin/${HOOK_PREFIX}`) && name !== PIPE_LOOP;
}

/** A loop streamed as a pipeline's producer runs as this hook with the loop's text (transform.ts loopProducer). */
const PIPE_LOOP = `/usr/bin/${HOOK_PREFIX}pipe_loop`;

type Pipeline = ScriptNode["statements"][number]["pipelines"][number];
type SimpleCommand = Extract<Pipeline["commands"][number], { type: "SimpleCommand" }>;

/** A streamed pipeline is its producer with the stages in PIPE_VAR (transform.ts): the stages come back. */
function restorePipeline(p: Pipeline): void {
  const producer = p.commands.length === 1 && p.commands[0].type === "SimpleCommand" ? (p.commands[0] as SimpleCommand) : undefined;
  const spec = producer?.assignments.find((a) => a.name === PIPE_VAR);
  const value = spec?.value?.parts.map((part) => ("value" in part ? part.value : "")).join("");
  if (!producer || !value) return;
  let stages: PipeStageSpec[];
  try {
    stages = JSON.parse(value) as PipeStageSpec[];
  } catch {
    return;
  }
  producer.assignments = producer.assignments.filter((a) => a !== spec);
  const loopText = producer.name?.parts.map((part) => ("value" in part ? part.value : "")).join("") === PIPE_LOOP ? producer.args[0]?.parts.map((part) => ("value" in part ? part.value : "")).join("") : undefined;
  const first = loopText === undefined ? producer : (deinstrument(parse(loopText).statements[0].pipelines[0].commands[0]) as Pipeline["commands"][number]);
  p.commands = [first, ...stages.map((stage) => parse(stage.typed ?? stage.first).statements[0].pipelines[0].commands[0])];
  if (stages[0]?.stderrToo) p.pipeStderr = [true, ...stages.slice(1).map(() => false)];
}
