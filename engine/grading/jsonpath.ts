import { JsonPath, relaxedJsonPath } from "../kubectl/printers/jsonpath";

/**
 * Field paths in checks are written the way kubectl's `-o jsonpath` takes them
 * (`{.spec.containers[0].image}`, `.metadata.labels.app\.kubernetes\.io/name`,
 * `.status.conditions[?(@.type=="Ready")].status`), and evaluated by the kubectl emulator's own
 * JSONPath (client-go's dialect), so a check selects exactly what the learner's
 * `kubectl get -o jsonpath` shows — filters on nested paths such as
 * `[?(@.matches[0].path.value=="/api")]` included.
 */
export class JsonPathError extends Error {}

/** A fresh evaluator per use: kubectl's JsonPath keeps range state while it walks. */
function compile(kubectlPath: string): JsonPath {
  const path = kubectlPath.trim();
  if (path === "" || path === "{}" || path === "$" || path === "@") throw new JsonPathError(`empty JSONPath "${kubectlPath}"`);
  let compiled: JsonPath;
  try {
    // Missing keys select nothing (a check then says "is not set") instead of failing the query.
    compiled = new JsonPath(true).parse(relaxedJsonPath(path.startsWith("$") ? path.slice(1) : path));
  } catch (e) {
    throw new JsonPathError(`invalid JSONPath "${kubectlPath}": ${e instanceof Error ? e.message : String(e)}`);
  }
  return compiled;
}

/** Every value the path selects (kubectl prints them space-separated; checks compare them). */
export function selectValues(document: unknown, kubectlPath: string): unknown[] {
  const compiled = compile(kubectlPath);
  try {
    return compiled.findAll(document).flat();
  } catch (e) {
    throw new JsonPathError(`invalid JSONPath "${kubectlPath}": ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Throws JsonPathError when the path cannot be parsed (used when validating check files). */
export function assertValidPath(kubectlPath: string): void {
  compile(kubectlPath);
}
