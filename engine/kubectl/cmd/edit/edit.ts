/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { deepEqual } from "../../../util/json";
import { registerCommand, type CommandContext } from "../../cli/command";
import { AggregateError, ExitError, StatusError } from "../../cli/errors";
import { kindPrefix, resourcePath } from "../../client/discovery";
import { PATCH_TYPES } from "../../client/rest";
import { twoWayMergePatch } from "../../client/two-way-patch";
import { toYaml } from "../../printers/yaml";
import { fetchInfos, targetsFromFlags, type Info } from "../../resource/infos";
import { decodeManifest, ManifestError } from "../../resource/manifest";
import { fieldValidation, printerFor, withLastApplied } from "../options";

/**
 * `kubectl edit`: the objects as YAML under kubectl's header comment go to the editor (the
 * terminal's editor protocol, ctx.edit); the saved text is diffed against the original and sent as
 * a strategic merge patch. Invalid edits reopen the editor with the server's complaints as a
 * comment block on top; giving up keeps a copy in /tmp/kubectl-edit-*.yaml, as kubectl does.
 */
type Any = any;

const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

interface Reason {
  head: string;
  other: string[];
}

/** Indents continuation lines of a message as comments (hashOnLineBreak). */
function hashOnLineBreak(s: string): string {
  return s.replace(/\n(?!#)/g, "\n# ");
}

function headerText(reasons: Reason[]): string {
  let out = HEADER;
  for (const r of reasons) {
    out += r.other.length > 0 ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) out += `# * ${hashOnLineBreak(o)}\n`;
    out += "#\n";
  }
  return out;
}

/** cmdutil.StripComments: drops lines whose first non-blank character is '#'. */
function stripComments(text: string): string {
  return text
    .split("\n")
    .filter((l) => !l.trimStart().startsWith("#"))
    .join("\n");
}

/** cmdutil.ManualStrip: drops the leading comment lines kubectl wrote. */
function manualStrip(text: string): string {
  return text
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .join("\n");
}

/** The client-side check of the edited text: YAML syntax, then an object with apiVersion and kind. */
function validate(text: string): string | undefined {
  let objects: KubeObject[];
  try {
    objects = decodeManifest(text, "edited-file");
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    return e.message.replace(/^error parsing edited-file: error converting YAML to JSON: /, "").replace(/^error validating "edited-file": error validating data: /, "").replace(/; if you choose to ignore these errors, turn validation off with --validate=false$/, "");
  }
  if (objects.length === 0) return "invalid object to validate";
  for (const o of objects) {
    const missing = [!o.apiVersion ? "apiVersion not set" : "", !o.kind ? "kind not set" : ""].filter(Boolean);
    if (missing.length === 1) return missing[0];
    if (missing.length > 1) return `[${missing.join(", ")}]`;
  }
  return undefined;
}

function hasLines(text: string): boolean {
  return text.split("\n").some((l) => l.trim().length > 0 && !l.trim().startsWith("#"));
}

function resourceString(info: Info): string {
  return info.mapping.group ? `${info.mapping.resource}.${info.mapping.group}` : info.mapping.resource;
}

function withoutManagedFields(obj: KubeObject): KubeObject {
  const copy = JSON.parse(JSON.stringify(obj)) as KubeObject;
  delete (copy.metadata as Any).managedFields;
  return copy;
}

/** A temp-file name like os.CreateTemp's, derived from the clock so the engine stays deterministic. */
function tempFile(c: CommandContext): string {
  const n = (Math.floor(c.ctx.environment.clock.now() / 7) * 2654435761) % 4294967296;
  return `/tmp/kubectl-edit-${n}.yaml`;
}

function preserve(c: CommandContext, path: string, content: string): void {
  c.ctx.host.fs.mkdirSync("/tmp", { recursive: true });
  c.ctx.host.fs.writeFileSync(path, content);
  c.err(`A copy of your changes has been stored to "${path}"\n`);
}

registerCommand("edit", async (c) => {
  const validation = fieldValidation(c) ?? "Strict";
  if (c.args.length === 0 && c.flags.strings("filename").length === 0) throw new Error("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const { infos, errors } = fetchInfos(c, targetsFromFlags(c, c.args, { allowEmptySelector: false }));
  if (errors.length > 0) throw new AggregateError(errors);
  if (infos.length === 0) throw new Error("edit cancelled, no objects found");
  if (!c.ctx.edit || !c.ctx.terminal.isTTY) {
    // Without a terminal the editor cannot run: vi complains and exits with an error, and so does kubectl.
    const editor = c.ctx.env.KUBE_EDITOR || c.ctx.env.EDITOR || "vi";
    if (/(^|\/)(vi|vim)$/.test(editor)) c.err("Vim: Warning: Output is not to a terminal\nVim: Warning: Input is not from a terminal\n");
    throw new Error(`there was a problem with the editor "${editor}"`);
  }
  const originals = infos.map((i) => withoutManagedFields(i.object));
  const originalDoc = originals.length === 1 ? originals[0] : { apiVersion: "v1", items: originals, kind: "List", metadata: {} };
  const originalText = toYaml(originalDoc as Any);
  const file = tempFile(c);
  let reasons: Reason[] = [];
  let containsError = false;
  let edited = "";
  for (;;) {
    const buffer = headerText(reasons) + (containsError ? manualStrip(edited) : originalText);
    const previous = edited;
    edited = (await c.ctx.edit({ path: file, content: buffer, language: "yaml" })) ?? buffer;
    if (containsError && stripComments(previous) === stripComments(edited)) {
      preserve(c, file, edited);
      throw new Error("Edit cancelled, no valid changes were saved.");
    }
    const problem = validate(stripComments(edited));
    if (problem !== undefined) {
      // kubectl validates the file before anything else (an empty file fails here too).
      containsError = true;
      reasons = [{ head: `${resourceString(infos[0])} "${infos[0].name}" was not valid`, other: [`<nil>: Invalid value: "The edited file failed validation": ${problem}`] }];
      c.err(`error: ${resourceString(infos[0])} "${infos[0].name}" is invalid\n`);
      continue;
    }
    if (stripComments(originalText) === stripComments(edited)) {
      c.err("Edit cancelled, no changes made.\n");
      return 0;
    }
    if (!hasLines(edited)) {
      c.err("Edit cancelled, saved file was empty.\n");
      return 0;
    }
    reasons = [];
    const updated = decodeManifest(stripComments(edited), "edited-file");
    containsError = false;
    const outcome = patchEdited(c, infos, updated, validation, reasons);
    if (outcome.fatal) {
      preserve(c, file, edited);
      throw outcome.fatal;
    }
    if (outcome.retryable > 0) {
      c.ctx.host.fs.mkdirSync("/tmp", { recursive: true });
      c.ctx.host.fs.writeFileSync(file, edited);
      c.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
      throw new ExitError("", 1);
    }
    if (outcome.notFound > 0) {
      c.ctx.host.fs.writeFileSync(file, edited);
      c.err(`The edits you made on deleted resources have been saved to "${file}"\n`);
      throw new ExitError("", 1);
    }
    if (outcome.invalid === 0) return 0;
    containsError = reasons.length > 0;
  }
});

interface Outcome {
  invalid: number;
  retryable: number;
  notFound: number;
  fatal?: Error;
}

/** visitToPatch: each edited object against its original (matched by UID), patched or reported. */
function patchEdited(c: CommandContext, infos: Info[], updated: KubeObject[], validation: string, reasons: Reason[]): Outcome {
  const outcome: Outcome = { invalid: 0, retryable: 0, notFound: 0 };
  const printer = printerFor(c);
  const { namespace } = c.factory.namespace();
  for (const edited of updated) {
    const info = infos.find((i) => i.object.metadata.uid === edited.metadata?.uid);
    if (!info) {
      outcome.fatal = new Error(`no original object found for ${JSON.stringify(edited)}`);
      return outcome;
    }
    const editedNs = edited.metadata?.namespace;
    if (info.mapping.namespaced && editedNs && editedNs !== (info.namespace ?? namespace)) {
      outcome.fatal = new Error(`the namespace from the provided object "${editedNs}" does not match the namespace "${info.namespace ?? namespace}". You must pass '--namespace=${editedNs}' to perform this operation.`);
      return outcome;
    }
    const original = withoutManagedFields(info.object);
    const wanted = c.flags.bool("save-config") ? withLastApplied(edited) : edited;
    if (deepEqual(original, wanted)) {
      c.out(printer ? printer.print(info.object) : `${kindPrefix(info.mapping)}/${info.name} skipped\n`);
      continue;
    }
    if (original.apiVersion !== wanted.apiVersion || original.kind !== wanted.kind || original.metadata.name !== wanted.metadata?.name) {
      outcome.fatal = new Error("At least one of apiVersion, kind and name was changed");
      return outcome;
    }
    const builtIn = !info.mapping.group.includes(".") || info.mapping.group.endsWith(".k8s.io");
    const patch = builtIn ? twoWayMergePatch(original, wanted, String(original.kind)) : mergePatch(original, wanted);
    if (c.flags.bool("output-patch")) c.out(`Patch: ${JSON.stringify(patch)}\n`);
    const subresource = c.flags.string("subresource") || undefined;
    const response = c.factory.rest().request({
      method: "PATCH",
      path: resourcePath(info.mapping, info.namespace, info.name, subresource),
      query: { fieldManager: c.flags.string("field-manager") || "kubectl-edit", fieldValidation: validation },
      body: patch,
      headers: { "content-type": builtIn ? PATCH_TYPES.strategic : PATCH_TYPES.merge },
    });
    if (response.status >= 400) {
      const status = (response.body ?? {}) as StatusError["status"];
      const what = `${resourceString(info)} "${info.name}"`;
      if (status.reason === "Invalid") {
        outcome.invalid++;
        reasons.push({ head: `${what} was not valid`, other: (status.details?.causes ?? []).map((cause) => `${cause.field ?? ""}: ${cause.message ?? ""}`) });
        c.err(`error: ${what} is invalid\n`);
      } else if (status.reason === "NotFound") {
        outcome.notFound++;
        c.err(`error: ${what} could not be found on the server\n`);
      } else {
        outcome.retryable++;
        c.err(`error: ${what} could not be patched: ${status.message ?? ""}\n`);
      }
      continue;
    }
    c.out(printer ? printer.print(response.body as KubeObject) : `${kindPrefix(info.mapping)}/${info.name} edited\n`);
  }
  return outcome;
}

/** RFC 7386 merge patch between two objects (custom resources, which have no strategic rules). */
function mergePatch(a: Any, b: Any): Any {
  const patch: Any = {};
  for (const k of Object.keys(a)) if (!(k in b)) patch[k] = null;
  for (const [k, v] of Object.entries(b)) {
    if (deepEqual(a[k], v)) continue;
    patch[k] = a[k] && v && typeof a[k] === "object" && typeof v === "object" && !Array.isArray(v) && !Array.isArray(a[k]) ? mergePatch(a[k], v) : v;
  }
  return patch;
}
