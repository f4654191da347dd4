import type { FieldError } from "../errors";

/** Name and label rules of k8s.io/apimachinery/pkg/util/validation, with their exact messages. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const DNS1123_LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1123_SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const DNS1035_LABEL_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QUALIFIED_NAME_MESSAGE =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** "any": the kind accepts every name (CertificateSigningRequests). */
export type NameRule = "subdomain" | "label" | "dns1035" | "path-segment" | "any";

/** Problems with a name under a rule, as messages (empty when valid). */
export function nameProblems(name: string, rule: NameRule): string[] {
  const problems: string[] = [];
  switch (rule) {
    case "label":
      if (name.length > 63) problems.push("must be no more than 63 characters");
      // A valid subdomain that is not a label can only be failing on its dots, and IsDNS1123Label says so.
      if (!DNS1123_LABEL.test(name)) problems.push(DNS1123_SUBDOMAIN.test(name) ? "must not contain dots" : DNS1123_LABEL_MESSAGE);
      break;
    case "dns1035":
      if (name.length > 63) problems.push("must be no more than 63 characters");
      if (!DNS1035_LABEL.test(name)) problems.push(DNS1035_LABEL_MESSAGE);
      break;
    case "subdomain":
      if (name.length > 253) problems.push("must be no more than 253 characters");
      if (!DNS1123_SUBDOMAIN.test(name)) problems.push(DNS1123_SUBDOMAIN_MESSAGE);
      break;
    case "path-segment":
      if (name === "." || name === "..") problems.push(`may not be '${name}'`);
      for (const bad of ["/", "%"]) if (name.includes(bad)) problems.push(`may not contain '${bad}'`);
      break;
  }
  return problems;
}

export function validateName(name: string, rule: NameRule, field = "metadata.name"): FieldError[] {
  return nameProblems(name, rule).map((detail) => ({ type: "FieldValueInvalid", field, value: name, detail }));
}

/** A qualified name like `app.kubernetes.io/name` (label and annotation keys). */
export function qualifiedNameProblems(key: string): string[] {
  const parts = key.split("/");
  if (parts.length > 2) {
    return [`a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const problems: string[] = [];
  const [prefix, name] = parts.length === 2 ? parts : ["", parts[0]];
  if (parts.length === 2) {
    if (prefix.length === 0) problems.push("prefix part must be non-empty");
    else if (!DNS1123_SUBDOMAIN.test(prefix)) problems.push(`prefix part ${DNS1123_SUBDOMAIN_MESSAGE}`);
  }
  if (name.length === 0) problems.push("name part must be non-empty");
  else if (name.length > 63) problems.push("name part must be no more than 63 characters");
  else if (!QUALIFIED_NAME_PART.test(name)) problems.push(QUALIFIED_NAME_MESSAGE);
  return problems;
}

/** IsValidLabelValue's messages (empty when valid). */
export function labelValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push("must be no more than 63 characters");
  if (!LABEL_VALUE.test(value)) problems.push(LABEL_VALUE_MESSAGE);
  return problems;
}

export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const detail of qualifiedNameProblems(key)) errors.push({ type: "FieldValueInvalid", field, value: key, detail });
    if (typeof value !== "string") continue;
    if (value.length > 63) errors.push({ type: "FieldValueInvalid", field, value, detail: "must be no more than 63 characters" });
    if (!LABEL_VALUE.test(value)) errors.push({ type: "FieldValueInvalid", field, value, detail: LABEL_VALUE_MESSAGE });
  }
  return errors;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  let total = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    for (const detail of qualifiedNameProblems(key.toLowerCase())) errors.push({ type: "FieldValueInvalid", field, value: key, detail });
    total += key.length + (value?.length ?? 0);
  }
  if (total > 256 * 1024) errors.push({ type: "FieldValueTooLong", field, detail: `must have at most ${256 * 1024} bytes` });
  return errors;
}

/** Finalizers kube-apiserver knows without a domain prefix (helper.IsStandardFinalizerName). */
const STANDARD_FINALIZERS = new Set(["kubernetes", "orphan", "foregroundDeletion"]);

/**
 * Finalizer names are qualified names; the kinds of k8s.io/kubernetes (core ValidateObjectMeta, `kubeRules`)
 * also want a domain prefix unless the name is a standard one.
 */
export function validateFinalizers(finalizers: string[] | undefined, kubeRules: boolean, path = "metadata.finalizers"): FieldError[] {
  const errors: FieldError[] = [];
  (finalizers ?? []).forEach((name, i) => {
    const field = `${path}[${i}]`;
    for (const detail of qualifiedNameProblems(name)) errors.push({ type: "FieldValueInvalid", field, value: name, detail });
    if (kubeRules && !name.includes("/") && !STANDARD_FINALIZERS.has(name)) {
      errors.push({ type: "FieldValueInvalid", field, value: name, detail: "name is neither a standard finalizer name nor is it fully qualified" });
    }
  });
  return errors;
}
