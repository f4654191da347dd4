import type { Environment } from "../cluster/environment";
import type { Host } from "../hosts/host";
import type { ProgramContext } from "../process/types";
import { Factory } from "./client/factory";
import { parseFlags, type FlagValues } from "./cli/flags";
import { commandPaths, flagsOf, globalFlags } from "./cli/help-data";
import { findCommand } from "./program";

/** Verbs whose first argument is a resource type and second a name of that type. */
const TYPE_THEN_NAME = new Set(["get", "describe", "delete", "edit", "label", "annotate", "patch", "scale", "rollout status", "rollout history", "rollout restart", "rollout undo", "rollout pause", "rollout resume", "wait", "explain"]);
const POD_ARGUMENT = new Set(["logs", "exec", "attach", "port-forward", "cp"]);
const NODE_ARGUMENT = new Set(["cordon", "uncordon", "drain", "top node"]);

function quietContext(environment: Environment, host: Host, env: Record<string, string>): ProgramContext {
  return {
    args: [],
    name: "kubectl",
    stdin: "",
    env,
    cwd: env.PWD ?? "/root",
    host,
    user: env.USER ?? "root",
    environment,
    stdout: () => undefined,
    stderr: () => undefined,
    signal: new AbortController().signal,
    terminal: { isTTY: false, columns: 80, rows: 24 },
    sleep: async () => undefined,
  };
}

function names(factory: Factory, resource: string, namespace?: string): string[] {
  try {
    const mapping = factory.discovery().resolve(resource);
    const list = factory.rest().list(mapping, mapping.namespaced ? namespace : undefined) as { items?: { metadata: { name: string } }[] };
    return (list.items ?? []).map((i) => i.metadata.name).sort();
  } catch {
    return [];
  }
}

/**
 * Tab completion for the terminal (the shell wires it to the `complete` message): completes
 * subcommands, flags, resource types, object names read through the API, namespaces (after -n),
 * contexts (after --context). `args` are the words typed so far, the last one being completed.
 */
export function completeKubectl(args: string[], environment: Environment, host: Host, env: Record<string, string> = { HOME: "/root" }): string[] {
  const current = args.length ? args[args.length - 1] : "";
  const before = args.slice(0, -1);
  const { path, rest } = findCommand(before);
  const previous = before[before.length - 1] ?? "";
  let values: FlagValues;
  try {
    values = parseFlags(rest, flagsOf(path)).values;
  } catch {
    values = parseFlags([], flagsOf(path)).values;
  }
  const factory = new Factory(quietContext(environment, host, env), values);
  const namespace = (() => {
    try {
      return factory.namespace().namespace;
    } catch {
      return "default";
    }
  })();
  const match = (items: string[]) => items.filter((i) => i.startsWith(current));
  if (previous === "-n" || previous === "--namespace") return match(names(factory, "namespaces"));
  if (previous === "--context") {
    try {
      return match(factory.kubeconfig().merged.contexts.map((c) => c.name));
    } catch {
      return [];
    }
  }
  if (current.startsWith("-")) {
    const defs = [...flagsOf(path).values()].filter((d) => !d.global || path === "");
    const all = [...defs, ...globalFlags().values()].map((d) => `--${d.name}`);
    return match([...new Set(all)].sort());
  }
  const positional = parseFlags(rest, flagsOf(path)).positionals;
  const subcommands = (() => {
    const prefix = path ? `${path} ` : "";
    return commandPaths().filter((p) => p.startsWith(prefix) && p !== path && !p.slice(prefix.length).includes(" ")).map((p) => p.slice(prefix.length));
  })();
  if (positional.length === 0 && subcommands.length > 0) return match(subcommands.filter((s) => s !== "").sort());
  if (TYPE_THEN_NAME.has(path)) {
    if (positional.length === 0) {
      try {
        const types = factory.discovery().all().filter((m) => m.preferred && m.verbs.includes("list"));
        return match([...new Set(types.map((m) => m.resource))].sort());
      } catch {
        return [];
      }
    }
    const type = positional[0];
    if (type.includes("/")) return [];
    return match(names(factory, type, namespace));
  }
  if (POD_ARGUMENT.has(path) && positional.length === 0) return match(names(factory, "pods", namespace));
  if (NODE_ARGUMENT.has(path) && positional.length === 0) return match(names(factory, "nodes"));
  if (path === "config use-context" || path === "config delete-context" || path === "config rename-context") {
    try {
      return match(factory.kubeconfig().merged.contexts.map((c) => c.name).sort());
    } catch {
      return [];
    }
  }
  return [];
}

