import { parseAllDocuments, type YAMLError } from "yaml";
import { GO_YAML_OPTIONS } from "../../api/go-yaml";
import { ContentCache } from "../../cluster/content-cache";
import type { KubeObject } from "../../api/types";
import type { HostFileSystem } from "../../hosts/filesystem";

/** One object read from a manifest, with where it came from (kubectl names the source in errors). */
export interface ManifestObject {
  object: KubeObject;
  source: string;
}

export class ManifestError extends Error {}

const MANIFEST_EXTENSIONS = [".json", ".yaml", ".yml"];
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/**
 * Translates a YAML parse failure into the message go-yaml v2 gives for the same mistake, with its
 * line numbering (scanner errors name the offending line, parser errors the line before it).
 */
function goYamlMessage(error: YAMLError, text: string): string {
  const line = error.linePos?.[0].line ?? 1;
  const at = (n: number) => (n > 0 ? `line ${n}: ` : "");
  const msg = error.message;
  switch (error.code) {
    case "TAB_AS_INDENT":
      return `${at(line)}found character that cannot start any token`;
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY": {
      const colon = text.slice(error.pos[0]).search(/:(\s|$)/);
      const where = colon >= 0 ? text.slice(0, error.pos[0] + colon).split("\n").length : line;
      return `${at(where === 1 ? 0 : where)}mapping values are not allowed in this context`;
    }
    case "MISSING_CHAR":
    case "BAD_INDENT": {
      // An unclosed flow collection: go-yaml names the closing bracket of the innermost one.
      const flow = /^Flow (?:map|sequence)\b.*end with a ([}\]])/.exec(msg);
      if (flow) return `${at(line)}did not find expected ',' or '${flow[1]}'`;
      if (error.code === "BAD_INDENT") return `${at(line - 1)}did not find expected '-' indicator`;
      if (/quote/i.test(msg)) return `${at(text.split("\n").length - (text.endsWith("\n") ? 1 : 0) + (text.endsWith("\n") ? 1 : 0))}found unexpected end of stream`;
      if (/Sequence item without/.test(msg)) return `${at(line - 1)}did not find expected key`;
      if (/followed by map values/.test(msg)) return `${at(line + 1)}could not find expected ':'`;
      return `${at(line)}did not find expected key`;
    }
    case "UNEXPECTED_TOKEN":
      return `${at(line - 1)}did not find expected '-' indicator`;
    case "DUPLICATE_KEY":
      return `${at(line)}key already set in map`;
    default:
      return `${at(line)}did not find expected key`;
  }
}

/** Splits a multi-document YAML stream on `---` lines as kubectl's YAML reader does. */
function splitDocuments(text: string): string[] {
  const docs: string[] = [];
  let current: string[] = [];
  for (const line of text.split("\n")) {
    if (/^---(\s|$)/.test(line)) {
      docs.push(current.join("\n"));
      current = [];
      continue;
    }
    current.push(line);
  }
  docs.push(current.join("\n"));
  return docs;
}

/** Why a manifest text cannot be decoded; the message names the source, which the text alone does not know. */
class ManifestTextError extends Error {
  constructor(readonly messageFor: (source: string) => string) {
    super(messageFor("<manifest>"));
  }
}

/**
 * Decoded manifests by text. A learner applies the same file again and again (and every attempt of
 * a scenario applies the same ones); YAML parsing was half of `kubectl apply -f`. Bounded: a few
 * dozen texts, none longer than 64 KiB (a bigger file is parsed each time).
 */
const decodedTexts = new ContentCache<KubeObject[]>(64, 64 * 1024);

/** Decodes a manifest (YAML or JSON, several documents, `kind: List`) into objects the caller may change. */
export function decodeManifest(text: string, source: string): KubeObject[] {
  let objects: KubeObject[];
  try {
    objects = decodedTexts.get(text, () => decodeText(text));
  } catch (e) {
    if (e instanceof ManifestTextError) throw new ManifestError(e.messageFor(source));
    throw e;
  }
  return objects.map((o) => structuredClone(o));
}

function decodeText(text: string): KubeObject[] {
  const objects: KubeObject[] = [];
  const trimmed = text.trimStart();
  const chunks = trimmed.startsWith("{") || trimmed.startsWith("[") ? [text] : splitDocuments(text);
  for (const chunk of chunks) {
    if (chunk.trim() === "" || chunk.split("\n").every((l) => l.trim() === "" || l.trimStart().startsWith("#"))) continue;
    const docs = parseAllDocuments(chunk, { ...GO_YAML_OPTIONS, uniqueKeys: false, intAsBigInt: false });
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      if (doc.errors.length > 0) {
        const message = goYamlMessage(doc.errors[0], chunk);
        throw new ManifestTextError((source) => `error parsing ${source}: error converting YAML to JSON: yaml: ${message}`);
      }
      const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
      if (value === null || value === undefined) continue;
      if (typeof value !== "object" || Array.isArray(value)) {
        throw new ManifestTextError(
          (source) => `error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`,
        );
      }
      const obj = value as KubeObject;
      if (obj.kind === "List" && Array.isArray(obj.items)) {
        for (const item of obj.items as KubeObject[]) objects.push(item);
      } else objects.push(obj);
    }
  }
  return objects;
}

/**
 * apimachinery's yaml.ToJSON, as `kubectl patch -p` uses it: a text starting with `{` is taken as
 * JSON and left for the server to decode (and refuse with its own words); anything else is read as
 * YAML, whose parse error kubectl reports itself.
 */
export function yamlToJson(text: string): { json: string } | { value: unknown } | { error: string } {
  if (text.trimStart().startsWith("{")) return { json: text };
  const doc = parseAllDocuments(text, { ...GO_YAML_OPTIONS, uniqueKeys: false, intAsBigInt: false })[0];
  if (!doc) return { value: null };
  if (doc.errors.length > 0) return { error: `yaml: ${goYamlMessage(doc.errors[0], text)}` };
  return { value: doc.toJS({ maxAliasCount: 100 }) as unknown };
}

function isManifestFile(path: string): boolean {
  return MANIFEST_EXTENSIONS.some((ext) => path.endsWith(ext));
}

/** Files of a directory kubectl would read (-R descends into subdirectories). */
function directoryFiles(fs: HostFileSystem, dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const full = `${dir.replace(/\/$/, "")}/${name}`;
    if (fs.isDirectorySync(full)) {
      if (recursive) out.push(...directoryFiles(fs, full, recursive));
    } else if (isManifestFile(name)) out.push(full);
  }
  return out;
}

export interface ReadOptions {
  fs: HostFileSystem;
  cwd: string;
  stdin: string;
  recursive: boolean;
}

function absolute(cwd: string, path: string): string {
  return path.startsWith("/") ? path : `${cwd.replace(/\/$/, "")}/${path}`;
}

/** Reads every object named by `-f` arguments (files, directories, `-` for stdin). */
export function readManifests(filenames: string[], options: ReadOptions): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const name of filenames) {
    if (name === "-") {
      for (const object of decodeManifest(options.stdin, "STDIN")) out.push({ object, source: "STDIN" });
      continue;
    }
    if (/^https?:\/\//.test(name)) {
      throw new ManifestError(`unable to read URL "${name}": reading manifests from URLs is not available in Kubecoach yet`);
    }
    const full = absolute(options.cwd, name);
    if (!options.fs.existsSync(full)) throw new ManifestError(`the path "${name}" does not exist`);
    const files = options.fs.isDirectorySync(full) ? directoryFiles(options.fs, full, options.recursive).map((f) => ({ full: f, shown: f.startsWith(full) ? name.replace(/\/$/, "") + f.slice(full.replace(/\/$/, "").length) : f })) : [{ full, shown: name }];
    for (const file of files) {
      const text = options.fs.readFileSync(file.full) ?? "";
      if (text.length > MAX_MANIFEST_BYTES) throw new ManifestError(`${file.shown}: manifest is larger than ${MAX_MANIFEST_BYTES} bytes`);
      for (const object of decodeManifest(text, file.shown)) out.push({ object, source: file.shown });
    }
  }
  return out;
}
