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

function standardMessage(err: Error): string | undefined {
  if (err instanceof StatusError) {
    const s = err.status;
    if (s.reason === "Unauthorized") return `error: You must be logged in to the server (${s.message})`;
    if (s.reason) return `Error from server (${s.reason}): ${s.message}`;
    return `Error from server: ${s.message}`;
  }
  if (err instanceof ConnectionError) return err.message;
  return undefined;
}

function messageForError(err: Error): string {
  return standardMessage(err) ?? err.message;
}

function noMatchMessage(e: NoResourceMatchError): string {
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
export function formatError(err: unknown): { text: string; code: number } {
  let e = err instanceof Error ? err : new Error(String(err));
  if (e instanceof AggregateError && e.errors.length === 1) e = e.errors[0];
  const withNewline = (msg: string) => (msg === "" || msg.endsWith("\n") ? msg : msg + "\n");
  if (e instanceof ExitError) return { text: withNewline(e.message), code: e.code };
  if (e instanceof StatusError && e.status.reason === "Invalid") return { text: withNewline(invalidMessage(e.status)), code: 1 };
  if (e instanceof NoResourceMatchError) return { text: withNewline(`error: ${noMatchMessage(e)}`), code: 1 };
  if (e instanceof AggregateError) {
    return { text: e.errors.map((x) => withNewline(x instanceof NoResourceMatchError ? `error: ${noMatchMessage(x)}` : messageForError(x))).join(""), code: 1 };
  }
  const standard = standardMessage(e);
  if (standard !== undefined) return { text: withNewline(standard), code: 1 };
  const msg = e.message.startsWith("error: ") ? e.message : `error: ${e.message}`;
  return { text: withNewline(msg), code: 1 };
}
