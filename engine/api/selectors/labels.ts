/**
 * Label selectors: the string syntax of k8s.io/apimachinery/pkg/labels (`a=b,c!=d,e in (x,y),
 * f notin (z),g,!h`, plus `==`, `>` and `<`) and the structured LabelSelector of meta/v1.
 */
export type Operator = "=" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type Selector = Requirement[];

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export class SelectorParseError extends Error {}

const KEY_CHARS = /[A-Za-z0-9._\-/]/;

/** Parses the string form. Throws SelectorParseError with kubectl's wording on bad input. */
export function parseSelector(text: string): Selector {
  const s = text.trim();
  if (s === "") return [];
  const requirements: Requirement[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < s.length && s[i] === " ") i++;
  };
  const readKey = (): string => {
    skipSpace();
    const start = i;
    while (i < s.length && KEY_CHARS.test(s[i])) i++;
    return s.slice(start, i);
  };
  const readValue = (): string => {
    skipSpace();
    const start = i;
    while (i < s.length && /[A-Za-z0-9._\-]/.test(s[i])) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipSpace();
    let negated = false;
    if (s[i] === "!") {
      negated = true;
      i++;
    }
    const key = readKey();
    if (!key) throw new SelectorParseError(`unable to parse requirement: found '${s[i] ?? ""}', expected: identifier`);
    skipSpace();
    if (negated) {
      requirements.push({ key, operator: "!", values: [] });
    } else if (i >= s.length || s[i] === ",") {
      requirements.push({ key, operator: "exists", values: [] });
    } else if (s.startsWith("==", i) || s.startsWith("!=", i)) {
      const op = s.startsWith("!=", i) ? "!=" : "=";
      i += 2;
      requirements.push({ key, operator: op, values: [readValue()] });
    } else if (s[i] === "=") {
      i++;
      requirements.push({ key, operator: "=", values: [readValue()] });
    } else if (s[i] === ">" || s[i] === "<") {
      const op = s[i] === ">" ? "gt" : "lt";
      i++;
      const v = readValue();
      if (!/^-?\d+$/.test(v)) throw new SelectorParseError(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
      requirements.push({ key, operator: op, values: [v] });
    } else if (/^(in|notin)\s*\(/.test(s.slice(i))) {
      const op = s.startsWith("notin", i) ? "notin" : "in";
      i += op.length;
      skipSpace();
      i++; // (
      const values: string[] = [];
      for (;;) {
        const v = readValue();
        values.push(v);
        skipSpace();
        if (s[i] === ",") {
          i++;
          continue;
        }
        if (s[i] === ")") {
          i++;
          break;
        }
        throw new SelectorParseError(`unable to parse requirement: found '${s[i] ?? ""}', expected: ',', ')'`);
      }
      requirements.push({ key, operator: op, values: values.filter((v) => v !== "" || values.length === 1) });
    } else {
      throw new SelectorParseError(`unable to parse requirement: found '${s[i]}', expected: in, notin, =, ==, !=, gt, lt`);
    }
    skipSpace();
    if (i < s.length) {
      if (s[i] !== ",") throw new SelectorParseError(`found '${s[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return requirements;
}

const NO_LABELS: Record<string, string> = Object.freeze({});

export function matches(selector: Selector, labels: Record<string, string> | undefined): boolean {
  // Lists filter thousands of objects, most without a selector: no garbage for those.
  if (selector.length === 0) return true;
  const l = labels ?? NO_LABELS;
  for (const r of selector) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.operator) {
      case "=":
        if (!has || v !== r.values[0]) return false;
        break;
      case "!=":
        if (has && v === r.values[0]) return false;
        break;
      case "in":
        if (!has || !r.values.includes(v)) return false;
        break;
      case "notin":
        if (has && r.values.includes(v)) return false;
        break;
      case "exists":
        if (!has) return false;
        break;
      case "!":
        if (has) return false;
        break;
      case "gt":
      case "lt": {
        if (!has || !/^-?\d+$/.test(v)) return false;
        const n = Number(v);
        const bound = Number(r.values[0]);
        if (r.operator === "gt" ? !(n > bound) : !(n < bound)) return false;
        break;
      }
    }
  }
  return true;
}

/**
 * Converts a meta/v1 LabelSelector. An empty selector matches everything; a missing one
 * (undefined) is the caller's to interpret (usually "matches nothing").
 */
export function fromLabelSelector(sel: LabelSelectorObject): Selector {
  const out: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) out.push({ key, operator: "=", values: [value] });
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator;
    if (op === "In") out.push({ key: e.key, operator: "in", values: e.values ?? [] });
    else if (op === "NotIn") out.push({ key: e.key, operator: "notin", values: e.values ?? [] });
    else if (op === "Exists") out.push({ key: e.key, operator: "exists", values: [] });
    else if (op === "DoesNotExist") out.push({ key: e.key, operator: "!", values: [] });
  }
  return out;
}

export function matchesLabelSelector(sel: LabelSelectorObject | undefined | null, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  return matches(fromLabelSelector(sel), labels);
}

/** The canonical string form (as metav1.FormatLabelSelector / labels.Selector.String()). */
export function formatSelector(selector: Selector): string {
  const sorted = [...selector].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return sorted
    .map((r) => {
      switch (r.operator) {
        case "=":
          return `${r.key}=${r.values[0]}`;
        case "!=":
          return `${r.key}!=${r.values[0]}`;
        case "in":
          return `${r.key} in (${[...r.values].sort().join(",")})`;
        case "notin":
          return `${r.key} notin (${[...r.values].sort().join(",")})`;
        case "exists":
          return r.key;
        case "!":
          return `!${r.key}`;
        case "gt":
          return `${r.key}>${r.values[0]}`;
        case "lt":
          return `${r.key}<${r.values[0]}`;
      }
    })
    .join(",");
}

export function formatLabelSelector(sel: LabelSelectorObject | undefined | null): string {
  if (!sel) return "<none>";
  const text = formatSelector(fromLabelSelector(sel));
  return text === "" ? "<none>" : text;
}
