import { deepEqual } from "../util/json";
import { tryQuantity } from "../api/quantity";

/**
 * What a check expects of the values it selected. Exactly one operator is set. Multi-valued
 * selections (a `[*]` path) must satisfy the operator for every value unless `match: any`.
 */
export interface Expectation {
  equals?: unknown;
  notEquals?: unknown;
  matches?: string;
  contains?: unknown;
  notContains?: unknown;
  oneOf?: unknown[];
  greaterThan?: number | string;
  atLeast?: number | string;
  lessThan?: number | string;
  atMost?: number | string;
  /** true: the path selects at least one non-null value; false: it selects none. */
  present?: boolean;
  match?: "all" | "any";
}

export const EXPECTATION_OPERATORS = [
  "equals",
  "notEquals",
  "matches",
  "contains",
  "notContains",
  "oneOf",
  "greaterThan",
  "atLeast",
  "lessThan",
  "atMost",
  "present",
] as const;

export type ExpectationOperator = (typeof EXPECTATION_OPERATORS)[number];

export function operatorOf(expectation: Expectation): ExpectationOperator | undefined {
  return EXPECTATION_OPERATORS.find((op) => expectation[op] !== undefined);
}

export interface ExpectationResult {
  passed: boolean;
  /** What was found, phrased for the learner ("is 2", "is not set"). */
  actual: string;
  /** What was wanted ("to equal 3"). */
  wanted: string;
}

export function show(value: unknown): string {
  if (value === undefined) return "not set";
  if (typeof value === "string") return JSON.stringify(value);
  return JSON.stringify(value);
}

function showValues(values: unknown[]): string {
  if (values.length === 0) return "not set";
  if (values.length === 1) return show(values[0]);
  return `[${values.map(show).join(", ")}]`;
}

/** A value written with a unit or a fraction (`64Mi`, `500m`, `0.5`, `1e3`), as opposed to a plain count. */
const QUANTITY_NOTATION = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[numkMGTPE]|[KMGTPE]i)$/;

function hasQuantityNotation(v: unknown): boolean {
  return (typeof v === "string" && QUANTITY_NOTATION.test(v.trim()) && !/^\d+$/.test(v.trim())) || (typeof v === "number" && !Number.isInteger(v));
}

/**
 * The same amount written two ways (`1Gi` and `1024Mi`, `0.5` and `500m`, `67108864` and `64Mi`):
 * a learner may write any of them, and the server keeps what each canonicalises to. Only when one
 * side carries a unit or a fraction, so plain strings such as "01" and "1" stay different.
 */
function sameQuantity(a: unknown, b: unknown): boolean {
  if (!hasQuantityNotation(a) && !hasQuantityNotation(b)) return false;
  const qa = tryQuantity(a);
  const qb = tryQuantity(b);
  return qa !== undefined && qb !== undefined && qa.cmp(qb) === 0;
}

/**
 * Scalars compare loosely (3 and "3" agree, as they print the same in kubectl; quantities by
 * amount); structures deeply, key order ignored, with the same loose rule for their leaves.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (deepEqual(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameValue(a[k], b[k]));
  }
  const scalar = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
  return scalar(a) && scalar(b) && (String(a) === String(b) || sameQuantity(a, b));
}

function contains(haystack: unknown, needle: unknown): boolean {
  if (typeof haystack === "string") return typeof needle === "string" ? haystack.includes(needle) : haystack.includes(String(needle));
  if (Array.isArray(haystack)) return haystack.some((item) => sameValue(item, needle) || (isObject(needle) && isObject(item) && subset(needle, item)));
  if (isObject(haystack) && isObject(needle)) return subset(needle, haystack);
  return false;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Every key of `part` is in `whole` with the same value (recursively): "the labels include app=web". */
function subset(part: Record<string, unknown>, whole: Record<string, unknown>): boolean {
  return Object.entries(part).every(([k, v]) => (isObject(v) && isObject(whole[k]) ? subset(v, whole[k] as Record<string, unknown>) : sameValue(whole[k], v)));
}


/** Evaluates an expectation against the values a path (or a count) produced. */
export function evaluate(expectation: Expectation, rawValues: unknown[]): ExpectationResult {
  const values = rawValues.filter((v) => v !== null && v !== undefined);
  const op = operatorOf(expectation);
  const any = expectation.match === "any";
  const actual = showValues(values);
  const each = (test: (v: unknown) => boolean) => values.length > 0 && (any ? values.some(test) : values.every(test));
  switch (op) {
    case "present":
      return { passed: expectation.present ? values.length > 0 : values.length === 0, actual, wanted: expectation.present ? "to be set" : "not to be set" };
    case "equals": {
      const expected = expectation.equals;
      if (Array.isArray(expected)) {
        const list = values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
        return { passed: list.length === expected.length && list.every((v, i) => sameValue(v, expected[i])), actual, wanted: `to equal ${show(expected)}` };
      }
      return { passed: each((v) => sameValue(v, expected)), actual, wanted: `to equal ${show(expected)}` };
    }
    case "notEquals":
      return { passed: !values.some((v) => sameValue(v, expectation.notEquals)), actual, wanted: `not to equal ${show(expectation.notEquals)}` };
    case "matches": {
      // Multi-line, like grep: ^ and $ anchor at each line of a field such as a Corefile.
      const re = new RegExp(expectation.matches!, "m");
      return { passed: each((v) => re.test(typeof v === "string" ? v : JSON.stringify(v))), actual, wanted: `to match /${expectation.matches}/` };
    }
    case "contains": {
      const needle = expectation.contains;
      const passed = values.length === 1 ? contains(values[0], needle) : values.some((v) => sameValue(v, needle) || contains(v, needle));
      return { passed, actual, wanted: `to contain ${show(needle)}` };
    }
    case "notContains": {
      const needle = expectation.notContains;
      const found = values.some((v) => sameValue(v, needle) || contains(v, needle));
      return { passed: !found, actual, wanted: `not to contain ${show(needle)}` };
    }
    case "oneOf":
      return { passed: each((v) => expectation.oneOf!.some((o) => sameValue(v, o))), actual, wanted: `to be one of ${show(expectation.oneOf)}` };
    case "greaterThan":
    case "atLeast":
    case "lessThan":
    case "atMost": {
      // Quantities compare exactly ("128Mi" against 134217728, "0.5" against "500m").
      const limit = tryQuantity(expectation[op]);
      const words = { greaterThan: "to be greater than", atLeast: "to be at least", lessThan: "to be less than", atMost: "to be at most" }[op];
      const test = (v: unknown) => {
        const n = tryQuantity(v);
        if (n === undefined || limit === undefined) return false;
        const c = n.cmp(limit);
        return op === "greaterThan" ? c > 0 : op === "atLeast" ? c >= 0 : op === "lessThan" ? c < 0 : c <= 0;
      };
      return { passed: each(test), actual, wanted: `${words} ${show(expectation[op])}` };
    }
    default:
      return { passed: false, actual, wanted: "an operator (equals, matches, contains, …)" };
  }
}
