import type { Status } from "../../api/errors";

/**
 * The errors a kubectl command can end with, and how kubectl prints them (cmdutil.CheckErr):
 * API errors as `Error from server (Reason): …`, invalid objects with their causes, usage errors
 * with a pointer to `-h`, everything else prefixed with `error: `. Exit code 1 unless stated.
 */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? "");
  }
}

/** `error: the server doesn't have a resource type "podz"`. */
export class NoResourceMatchError extends Error {
  constructor(
    readonly resource: string,
    readonly group = "",
    readonly version = "",
  ) {
    super(`no matches for ${resource}`);
  }
}

/** Several errors printed one per line (utilerrors.Aggregate). */
export class AggregateError extends Error {
  constructor(readonly errors: Error[]) {
    super(errors.map((e) => e.message).join(", "));
  }
}

/** Ends the command with a status and an already-formatted message (may be empty). */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** A connection failure: printed without the `error: ` prefix, like StandardErrorMessage's url.Error case. */
export class ConnectionError extends Error {}

/** cmdutil.UsageErrorf: the message, then a pointer to the command's help. */
export function usageError(commandPath: string, message: string): Error {
  return new Error(`${message}\nSee '${commandPath} -h' for help and examples`);
}

/**
 * Where StandardErrorMessage logs a server error at -v=4 and up: klog.V(4).Info(DebugError()),
 * which prints the format string and then the Status as indented JSON in brackets.
 */
export type DebugLog = (message: string, source: string) => void;

/** Keys in a Go struct's field order (metav1.Status, StatusDetails), the others after them. */
function structOrder(value: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in value) out[k] = value[k];
  for (const k of Object.keys(value)) if (!(k in out)) out[k] = value[k];
  return out;
}

function goIndentedJson(status: Status): string {
  const s = status as unknown as Record<string, unknown>;
  const details = s.details as Record<string, unknown> | undefined;
  const value = structOrder({ ...s, ...(details ? { details: structOrder(details, ["name", "group", "kind", "uid", "causes", "retryAfterSeconds"]) } : {}) }, [
    "kind",
    "apiVersion",
    "metadata",
    "status",
    "message",
    "reason",
    "details",
    "code",
  ]);
  // encoding/json escapes <, > and & in strings (HTML-safe output).
  return JSON.stringify(value, null, 2).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

function standardMessage(err: Error, debug?: DebugLog): string | undefined {
  if (err instanceof StatusError) {
    debug?.(`server response object: %s[${goIndentedJson(err.status)}]`, "helpers.go:246");
    const s = err.status;
    if (s.reason === "Unauthorized") return `error: You must be logged in to the server (${s.message})`;
    if (s.reason) return `Error from server (${s.reason}): ${s.message}`;
    return `Error from server: ${s.message}`;
  }
  if (err instanceof ConnectionError) return err.message;
  return undefined;
}

function messageForError(err: Error, debug?: DebugLog): string {
  return standardMessage(err, debug) ?? err.message;
}

/** checkErr's wording of a RESTMapper no-match error (meta.NoResourceMatchError). */
export function noMatchMessage(e: NoResourceMatchError): string {
  if (e.group && e.version) return `the server doesn't have a resource type "${e.resource}" in group "${e.group}" and version "${e.version}"`;
  if (e.group) return `the server doesn't have a resource type "${e.resource}" in group "${e.group}"`;
  if (e.version) return `the server doesn't have a resource type "${e.resource}" in version "${e.version}"`;
  return `the server doesn't have a resource type "${e.resource}"`;
}

function invalidMessage(status: Status): string {
  const details = status.details;
  let s = "The request is invalid";
  if (!details) return status.message ? `${s}: ${status.message}` : s;
  if (details.kind || details.name) s = `The ${details.kind ?? ""} "${details.name ?? ""}" is invalid`;
  else if (status.message && !details.causes?.length) s += `: ${status.message}`;
  const causes: string[] = [];
  for (const c of details.causes ?? []) {
    const msg = `${c.field ?? ""}: ${c.message ?? ""}`;
    if (!causes.includes(msg)) causes.push(msg);
  }
  if (causes.length === 0) return s;
  if (causes.length === 1) return `${s}: ${causes[0]}\n`;
  return `${s}: \n${causes.map((c) => `* ${c}\n`).join("")}`;
}

/** Formats an error as kubectl prints it on stderr; returns the text (with its newline) and the exit code. */
export function formatError(err: unknown, debug?: DebugLog): { text: string; code: number } {
  let e = err instanceof Error ? err : new Error(String(err));
  if (e instanceof AggregateError && e.errors.length === 1) e = e.errors[0];
  const withNewline = (msg: string) => (msg === "" || msg.endsWith("\n") ? msg : msg + "\n");
  if (e instanceof ExitError) return { text: withNewline(e.message), code: e.code };
  if (e instanceof StatusError && e.status.reason === "Invalid") return { text: withNewline(invalidMessage(e.status)), code: 1 };
  if (e instanceof NoResourceMatchError) return { text: withNewline(`error: ${noMatchMessage(e)}`), code: 1 };
  if (e instanceof AggregateError) {
    return { text: e.errors.map((x) => withNewline(x instanceof NoResourceMatchError ? `error: ${noMatchMessage(x)}` : messageForError(x, debug))).join(""), code: 1 };
  }
  const standard = standardMessage(e, debug);
  if (standard !== undefined) return { text: withNewline(standard), code: 1 };
  // StandardErrorMessage prints an invalid configuration as "Error in configuration: …", unprefixed.
  const unprefixed = e.message.startsWith("error: ") || e.message.startsWith("Error in configuration: ");
  const msg = unprefixed ? e.message : `error: ${e.message}`;
  return { text: withNewline(msg), code: 1 };
}
