import type { FieldError } from "../errors";
import { duplicate, forbidden, invalid, notSupported, required, type Path } from "./field";
import { DNS1123_LABEL_MESSAGE, nameProblems, qualifiedNameProblems, validateLabels } from "./names";

/** Value checks of k8s.io/apimachinery/pkg/util/validation with their exact messages. */

export const PORT_RANGE_MESSAGE = "must be between 1 and 65535, inclusive";

export function portNumProblems(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [PORT_RANGE_MESSAGE];
}

export function portNameProblems(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push("must be no more than 15 characters");
  if (!/^[-a-z0-9]+$/.test(name)) errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(name)) errs.push("must contain at least one letter (a-z)");
  if (name.includes("--")) errs.push("must not contain consecutive hyphens");
  if (name.length > 0 && (name.startsWith("-") || name.endsWith("-"))) errs.push("must not begin or end with a hyphen");
  return errs;
}

/** IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation is on in v1.33). */
export function envVarNameProblems(name: string): string[] {
  const errs: string[] = [];
  if (name.length === 0) errs.push("environment variable name must be non-empty");
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (code > 127 || code < 32 || code === 127 || ch === "=") {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

export const IP_MESSAGE = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

export function isIPv4(ip: string): boolean {
  const parts = ip.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p.startsWith("0")));
}

export function isIPv6(ip: string): boolean {
  if (!ip.includes(":") || !/^[0-9a-fA-F:.]+$/.test(ip)) return false;
  const halves = ip.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === "" ? [] : h.split(":")));
  const last = groups[groups.length - 1] ?? "";
  const v4Tail = last.includes(".") ? isIPv4(last) : false;
  const hexGroups = v4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hexGroups.length + (v4Tail ? 2 : 0);
  return halves.length === 2 ? count < 8 : count === 8;
}

export function isIP(ip: string): boolean {
  return isIPv4(ip) || isIPv6(ip);
}

export function validateDNS1123Label(value: string, path: Path): FieldError[] {
  return nameProblems(value, "label").map((m) => invalid(path, value, m));
}

export function validateDNS1123Subdomain(value: string, path: Path): FieldError[] {
  return nameProblems(value, "subdomain").map((m) => invalid(path, value, m));
}

export function validateQualifiedName(value: string, path: Path): FieldError[] {
  return qualifiedNameProblems(value).map((m) => invalid(path, value, m));
}

export { DNS1123_LABEL_MESSAGE };

export function validateNonnegative(value: unknown, path: Path): FieldError[] {
  return typeof value === "number" && value < 0 ? [invalid(path, value, "must be greater than or equal to 0")] : [];
}

interface SelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** metav1 validation.ValidateLabelSelector. */
export function validateLabelSelector(selector: SelectorLike | undefined, path: Path): FieldError[] {
  if (!selector) return [];
  const errs: FieldError[] = [...validateLabels(selector.matchLabels, path.child("matchLabels").toString())];
  (selector.matchExpressions ?? []).forEach((expr, i) => {
    const p = path.child("matchExpressions").index(i);
    const values = expr.values ?? [];
    switch (expr.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) errs.push(required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) errs.push(forbidden(p.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(p.child("operator"), expr.operator, "not a valid selector operator"));
    }
    errs.push(...validateQualifiedName(expr.key ?? "", p.child("key")));
    values.forEach((v, vi) => errs.push(...validateLabels({ x: v }, p.child("values").index(vi).toString()).filter((e) => e.value === v)));
  });
  return errs;
}

/** Duplicate detection for a list of names, as sets.Insert/Has loops do. */
export function duplicates(names: string[], pathOf: (i: number) => Path): FieldError[] {
  const seen = new Set<string>();
  const errs: FieldError[] = [];
  names.forEach((n, i) => {
    if (seen.has(n)) errs.push(duplicate(pathOf(i), n));
    seen.add(n);
  });
  return errs;
}

/** A string enum field: Required when empty, NotSupported when unknown. */
export function validateEnum(value: unknown, allowed: string[], path: Path, requiredWhenEmpty = true): FieldError[] {
  if (value === undefined || value === null || value === "") return requiredWhenEmpty ? [required(path)] : [];
  return allowed.includes(String(value)) ? [] : [notSupported(path, value, allowed)];
}
