import { query } from "jsonpath-rfc9535";

/**
 * Field paths in checks are written the way kubectl's `-o jsonpath` takes them
 * (`{.spec.containers[0].image}`, `.metadata.labels.app\.kubernetes\.io/name`,
 * `.status.conditions[?(@.type=="Ready")].status`), because that is what authors and learners
 * already know. They are translated to RFC 9535 and evaluated by a standard implementation until
 * the kubectl emulator's own JSONPath is available to share.
 */
export class JsonPathError extends Error {}

const cache = new Map<string, string>();

export function toRfc9535(kubectlPath: string): string {
  const cached = cache.get(kubectlPath);
  if (cached !== undefined) return cached;
  let path = kubectlPath.trim();
  if (path.startsWith("{") && path.endsWith("}")) path = path.slice(1, -1).trim();
  if (path === "" || path === "$" || path === "@") throw new JsonPathError(`empty JSONPath "${kubectlPath}"`);
  if (path.startsWith("$")) path = path.slice(1);
  let out = "$";
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === ".") {
      if (path[i + 1] === ".") {
        out += "..";
        i += 2;
        const name = readName(path, i);
        out += name.text === "*" ? "*" : `[${quote(name.text)}]`;
        i = name.end;
        continue;
      }
      const name = readName(path, i + 1);
      if (name.text === "") throw new JsonPathError(`invalid JSONPath "${kubectlPath}": empty field name at position ${i + 1}`);
      out += name.text === "*" ? "[*]" : `[${quote(name.text)}]`;
      i = name.end;
    } else if (c === "[") {
      const end = closingBracket(path, i, kubectlPath);
      out += path.slice(i, end + 1);
      i = end + 1;
    } else if (i === 0) {
      // kubectl accepts a leading field without a dot ({spec.replicas} is rare but valid).
      const name = readName(path, 0);
      out += `[${quote(name.text)}]`;
      i = name.end;
    } else {
      throw new JsonPathError(`invalid JSONPath "${kubectlPath}": unexpected "${c}" at position ${i}`);
    }
  }
  cache.set(kubectlPath, out);
  return out;
}

function readName(path: string, start: number): { text: string; end: number } {
  let text = "";
  let i = start;
  while (i < path.length && path[i] !== "." && path[i] !== "[") {
    if (path[i] === "\\" && i + 1 < path.length) {
      text += path[i + 1];
      i += 2;
      continue;
    }
    text += path[i++];
  }
  return { text, end: i };
}

function closingBracket(path: string, start: number, original: string): number {
  let depth = 0;
  let quoteChar: string | undefined;
  for (let i = start; i < path.length; i++) {
    const c = path[i];
    if (quoteChar) {
      if (c === "\\") i++;
      else if (c === quoteChar) quoteChar = undefined;
    } else if (c === '"' || c === "'") quoteChar = c;
    else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return i;
  }
  throw new JsonPathError(`invalid JSONPath "${original}": unclosed "["`);
}

function quote(name: string): string {
  return `'${name.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** Every value the path selects (kubectl prints them space-separated; checks compare them). */
export function selectValues(document: unknown, kubectlPath: string): unknown[] {
  const rfc = toRfc9535(kubectlPath);
  try {
    return query(document as Parameters<typeof query>[0], rfc);
  } catch (e) {
    throw new JsonPathError(`invalid JSONPath "${kubectlPath}": ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Throws JsonPathError when the path cannot be parsed (used when validating check files). */
export function assertValidPath(kubectlPath: string): void {
  selectValues({}, kubectlPath);
}
