/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { fetchInfos, targetsFromFlags } from "../../resource/infos";
import { applyPatches, commonChecks, globMatch, notPodTemplate, objectName, podSpecOf, setInfos } from "./common";

/**
 * `kubectl set env`: KEY=VALUE and KEY- arguments (and -e), variables from a ConfigMap or Secret
 * with --from/--keys/--prefix, --list, --overwrite=false, container selection with -c.
 */
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: any;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_MESSAGE =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** envutil.SplitEnvironmentFromResources: resources first, then environment arguments. */
function split(args: string[]): { resources: string[]; envArgs: string[] } | undefined {
  const resources: string[] = [];
  const envArgs: string[] = [];
  let first = true;
  for (const s of args) {
    const isEnv = /^(.+)=(.*)$/s.test(s) || s.endsWith("-");
    if (isEnv) {
      first = false;
      envArgs.push(s);
    } else if (first) resources.push(s);
    else return undefined;
  }
  return { resources, envArgs };
}

/** envutil.ParseEnv. */
function parseEnv(specs: string[], stdin: string): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  const add = (spec: string) => {
    const eq = spec.indexOf("=");
    const name = spec.slice(0, eq);
    if (!ENV_NAME.test(name)) throw new Error(`"${name}" is not a valid key name: ${ENV_NAME_MESSAGE}`);
    env.push({ name, value: spec.slice(eq + 1) });
  };
  for (const spec of specs) {
    if (spec === "-") {
      for (const line of stdin.split("\n")) if (line.includes("=") && !line.startsWith("#")) add(line);
    } else if (spec.includes("=")) add(spec);
    else if (spec.endsWith("-")) remove.push(spec.slice(0, -1));
    else throw new Error(`unknown environment variable: ${spec}`);
  }
  if (remove.some((r) => env.some((e) => e.name === r))) throw new Error("can not both modify and remove the same environment variable in the same command");
  return { env, remove };
}

function keyToEnvName(key: string): string {
  return key.replace(/[^A-Za-z0-9_]/g, "_").toUpperCase();
}

/** Variables from the objects named by --from (every key, or --keys), with kubectl's renaming warnings. */
function fromSources(c: CommandContext): EnvVar[] {
  const from = c.flags.string("from");
  if (!from) return [];
  const { infos, errors } = fetchInfos(c, targetsFromFlags(c, [from], { filenames: [], allowEmptySelector: false }));
  if (errors.length > 0) throw errors[0];
  const keys = c.flags.strings("keys");
  const env: EnvVar[] = [];
  for (const info of infos) {
    const obj = info.object as any;
    const kind = obj.kind === "Secret" ? "secretKeyRef" : obj.kind === "ConfigMap" ? "configMapKeyRef" : undefined;
    if (!kind) throw new Error("unsupported resource specified in --from");
    for (const key of Object.keys(obj.data ?? {}).sort()) {
      if (keys.length > 0 && !keys.includes(key)) continue;
      const name = keyToEnvName(key);
      if (name !== key) c.err(`Warning: key ${key} transferred to ${name}\n`);
      env.push({ name, valueFrom: { [kind]: { key, name: obj.metadata.name } } });
    }
  }
  return env;
}

function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const covered = new Set(remove);
  const out: EnvVar[] = [];
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
    } else out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/** envutil.GetEnvVarRefString. */
function refString(from: any): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) return `resource ${from.resourceFieldRef.resource}`;
  return "invalid valueFrom";
}

registerCommand("set env", (c) => {
  if (c.flags.bool("all") && c.flags.string("selector")) throw new Error("cannot set --all and --selector at the same time");
  const parts = split(c.args);
  if (!parts) throw new Error(`all resources must be specified before environment changes: ${c.args.join(" ")}`);
  const dryRun = commonChecks(c);
  if (c.flags.strings("filename").length === 0 && parts.resources.length < 1) throw new Error("one or more resources must be specified as <resource> <name> or <resource>/<name>");
  if (c.flags.bool("list") && c.flags.string("output")) throw new Error("--list and --output may not be specified together");
  if (c.flags.strings("keys").length > 0 && !c.flags.string("from")) throw new Error("when specifying --keys, a configmap or secret must be provided with --from");
  const parsed = parseEnv([...c.flags.strings("env"), ...parts.envArgs], c.ctx.stdin);
  const env = [...parsed.env, ...fromSources(c)];
  const prefix = c.flags.string("prefix");
  if (prefix) for (const e of env) e.name = `${prefix}${e.name}`;
  const infos = setInfos(c, parts.resources);
  const selector = c.flags.string("containers") || "*";
  const list = c.flags.bool("list");
  const listing: string[] = [];
  const mutate = (obj: any): string | undefined => {
    const spec = podSpecOf(obj);
    if (!spec) return notPodTemplate(obj as KubeObject);
    const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((x: any) => globMatch(selector, x.name));
    if (containers.length === 0) {
      c.err(`Warning: ${obj.kind}/${obj.metadata.name} does not have any containers matching "${selector}"\n`);
      return undefined;
    }
    for (const container of containers) {
      if (!c.flags.bool("overwrite")) {
        for (const e of env) {
          const current = (container.env ?? []).find((x: EnvVar) => x.name === e.name);
          if (current && (current.value ?? "") !== (e.value ?? "")) return `'${current.name}' already has a value (${current.value ?? ""}), and --overwrite is false`;
        }
      }
      const updated = updateEnv(container.env ?? [], env, parsed.remove);
      if (updated.length > 0) container.env = updated;
      else delete container.env;
      if (list) {
        listing.push(`# ${obj.kind} ${obj.metadata.name}, container ${container.name}\n`);
        for (const e of updated) listing.push(e.valueFrom ? `# ${e.name} from ${refString(e.valueFrom)}\n` : `${e.name}=${e.value ?? ""}\n`);
      }
    }
    return undefined;
  };
  if (list) {
    for (const info of infos) {
      const copy = JSON.parse(JSON.stringify(info.object));
      const problem = mutate(copy);
      if (problem) throw new Error(`error: ${objectName(info)} ${problem}`);
    }
    c.out(listing.join(""));
    return 0;
  }
  if (env.length === 0 && parsed.remove.length === 0 && parts.envArgs.length === 0) {
    // kubectl patches nothing and then insists on at least one variable.
    const changed = infos.some((i) => podSpecOf(JSON.parse(JSON.stringify(i.object))) !== undefined);
    if (changed) throw new Error("at least one environment variable must be provided");
  }
  applyPatches(c, infos, dryRun, { operation: "env updated", failurePrefix: "failed to patch env update to pod template" }, mutate);
  return 0;
});
