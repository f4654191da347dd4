/**
 * Objects built the way kubectl's generators build them, fields in the Go structs' order so that
 * `-o json` matches (YAML sorts keys anyway): `creationTimestamp: null`, `resources: {}`,
 * `strategy: {}` and `status: {}` included where the typed structs carry them.
 */
export type Obj = Record<string, unknown>;

export function meta(name: string, namespace: string | undefined, extra: Obj = {}): Obj {
  return { name, ...(namespace ? { namespace } : {}), creationTimestamp: null, ...extra };
}

export function container(name: string, image: string, extra: Obj = {}): Obj {
  const c: Obj = { name, image };
  for (const key of ["command", "args", "ports", "env"]) if (extra[key] !== undefined) c[key] = extra[key];
  c.resources = extra.resources ?? {};
  if (extra.imagePullPolicy) c.imagePullPolicy = extra.imagePullPolicy;
  if (extra.stdin) c.stdin = true;
  if (extra.stdinOnce) c.stdinOnce = true;
  if (extra.tty) c.tty = true;
  return c;
}

/** The name kubectl gives a container for an image: the last path segment without tag or digest. */
export function containerNameForImage(image: string): string {
  let name = image.split("/").pop() ?? image;
  name = name.split("@")[0].split(":")[0];
  return name.replace(/[^a-z0-9-]/gi, "-").toLowerCase();
}

/** metav1.ParseToLabelSelector: equality terms become matchLabels, the rest matchExpressions. */
export function labelSelector(selector: string): Obj {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Obj[] = [];
  for (const term of splitSelector(selector)) {
    let m: RegExpExecArray | null;
    if ((m = /^\s*([^\s!=]+)\s*(==|=)\s*([^\s]*)\s*$/.exec(term))) matchLabels[m[1]] = m[3];
    else if ((m = /^\s*([^\s!=]+)\s*!=\s*([^\s]*)\s*$/.exec(term))) matchExpressions.push({ key: m[1], operator: "NotIn", values: [m[2]] });
    else if ((m = /^\s*([^\s]+)\s+(in|notin)\s+\(([^)]*)\)\s*$/.exec(term))) {
      matchExpressions.push({ key: m[1], operator: m[2] === "in" ? "In" : "NotIn", values: m[3].split(",").map((v) => v.trim()).filter(Boolean) });
    } else if ((m = /^\s*!\s*([^\s]+)\s*$/.exec(term))) matchExpressions.push({ key: m[1], operator: "DoesNotExist" });
    else if ((m = /^\s*([^\s]+)\s*$/.exec(term))) matchExpressions.push({ key: m[1], operator: "Exists" });
  }
  return { ...(Object.keys(matchLabels).length ? { matchLabels } : {}), ...(matchExpressions.length ? { matchExpressions } : {}) };
}

function splitSelector(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of selector) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts;
}

/** intstr.Parse: digits become an int, anything else stays a string. */
export function intOrString(value: string): number | string {
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

/** `a=b,c=d` (or repeated flags) into a map, as kubectl's label/env parsers read them. */
export function parsePairs(items: string[], what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items.flatMap((i) => i.split(","))) {
    if (item === "") continue;
    const eq = item.indexOf("=");
    if (eq <= 0) throw new Error(`invalid ${what}: ${item}`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}
