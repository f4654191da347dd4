/**
 * API errors as the real server returns them: a meta/v1 Status with reason, code and details.
 * kubectl prints `Error from server (<Reason>): <message>` from these fields, so the message
 * texts here are exactly those of k8s.io/apimachinery/pkg/api/errors.
 */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Success" | "Failure";
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): string | undefined {
    return this.status.reason;
  }
}

export interface GroupResource {
  group: string;
  resource: string;
}

/** "pods" or "deployments.apps": how the server qualifies a resource in messages. */
export function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

/** Keys in metav1.Status's field order, which is how the apiserver writes them (curl shows it). */
function failure(code: number, reason: string, message: string, details?: StatusDetails): ApiError {
  return new ApiError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, ...(details ? { details } : {}), code });
}

export function notFound(gr: GroupResource, name: string): ApiError {
  return failure(404, "NotFound", `${qualifiedResource(gr)} "${name}" not found`, {
    name,
    ...(gr.group ? { group: gr.group } : {}),
    kind: gr.resource,
  });
}

export function alreadyExists(gr: GroupResource, name: string): ApiError {
  return failure(409, "AlreadyExists", `${qualifiedResource(gr)} "${name}" already exists`, {
    name,
    ...(gr.group ? { group: gr.group } : {}),
    kind: gr.resource,
  });
}

export function conflict(gr: GroupResource, name: string, why: string): ApiError {
  return failure(409, "Conflict", `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`, {
    name,
    ...(gr.group ? { group: gr.group } : {}),
    kind: gr.resource,
  });
}

export const OPTIMISTIC_LOCK_MESSAGE = "the object has been modified; please apply your changes to the latest version and try again";

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** For Invalid/NotSupported: the offending value, printed the way Go's %#v-ish errors do. */
  value?: unknown;
  detail?: string;
  /** For NotSupported: the allowed values. */
  allowed?: string[];
  /** The value already written as Go's %#v prints it (`[]string{"a"}`), used instead of `value`. */
  rendered?: string;
}

export type FieldErrorType =
  | "FieldValueRequired"
  | "FieldValueInvalid"
  | "FieldValueNotSupported"
  | "FieldValueForbidden"
  | "FieldValueDuplicate"
  | "FieldValueTooLong"
  | "FieldValueTooMany"
  | "FieldValueNotFound";

/** Renders a value the way field.Error does: strings quoted, numbers and bools bare. */
function renderValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The text of one field error, as k8s.io/apimachinery/pkg/util/validation/field.Error.Error(). */
export function fieldErrorMessage(e: FieldError): string {
  switch (e.type) {
    case "FieldValueRequired":
      return `${e.field}: Required value${e.detail ? `: ${e.detail}` : ""}`;
    case "FieldValueInvalid":
      return `${e.field}: Invalid value: ${e.rendered ?? renderValue(e.value)}${e.detail ? `: ${e.detail}` : ""}`;
    case "FieldValueNotSupported": {
      const allowed = (e.allowed ?? []).map((a) => JSON.stringify(a)).join(", ");
      return `${e.field}: Unsupported value: ${e.rendered ?? renderValue(e.value)}${allowed ? `: supported values: ${allowed}` : ""}`;
    }
    case "FieldValueForbidden":
      return `${e.field}: Forbidden${e.detail ? `: ${e.detail}` : ""}`;
    case "FieldValueDuplicate":
      return `${e.field}: Duplicate value: ${e.rendered ?? renderValue(e.value)}`;
    case "FieldValueTooLong":
      return `${e.field}: Too long: ${e.detail ?? ""}`;
    case "FieldValueTooMany":
      return `${e.field}: Too many: ${e.detail ?? ""}`;
    case "FieldValueNotFound":
      return `${e.field}: Not found: ${e.rendered ?? renderValue(e.value)}`;
  }
}

/** 422 Invalid: `<Kind>.<group> "<name>" is invalid: [a, b]` (brackets only for several errors). */
export function invalid(kind: string, group: string, name: string, errors: FieldError[]): ApiError {
  // ErrorList.ToAggregate drops repeated messages; the causes keep every error.
  const messages = [...new Set(errors.map(fieldErrorMessage))];
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const aggregate = messages.length === 1 ? messages[0] : `[${messages.join(", ")}]`;
  return failure(422, "Invalid", `${qualifiedKind} "${name}" is invalid: ${aggregate}`, {
    // StatusDetails' fields are omitempty: a create without a name, or the patcher's kindless error, leaves them out.
    ...(name ? { name } : {}),
    ...(group ? { group } : {}),
    ...(kind ? { kind } : {}),
    causes: errors.map((e) => ({
      reason: e.type,
      message: fieldErrorMessage(e).slice(e.field.length + 2),
      field: e.field,
    })),
  });
}

export function badRequest(message: string): ApiError {
  return failure(400, "BadRequest", message);
}

/** The update handler's checkName: a PUT's body must name the object its URL names. */
export function nameMismatch(objectName: string, urlName: string): ApiError {
  return badRequest(`the name of the object (${objectName}) does not match the name on the URL (${urlName})`);
}

/** checkName when the body names no object: the URL's name is not taken in its place. */
export function nameUndeterminable(urlName: string): ApiError {
  return badRequest(`the name of the object (${urlName} based on URL) was undeterminable: name must be provided`);
}

/** checkName when the body's namespace is set and differs from the URL's. */
export function namespaceMismatch(objectNamespace: string, urlNamespace: string): ApiError {
  return badRequest(`the namespace of the object (${objectNamespace}) does not match the namespace on the request (${urlNamespace})`);
}

/** NewForbidden always sets details: `{}` for a non-resource path such as /api. */
export function forbidden(message: string, gr?: GroupResource, name?: string): ApiError {
  const details: StatusDetails = gr ? { ...(name ? { name } : {}), ...(gr.group ? { group: gr.group } : {}), ...(gr.resource ? { kind: gr.resource } : {}) } : {};
  return failure(403, "Forbidden", message, details);
}

export function unauthorized(): ApiError {
  return failure(401, "Unauthorized", "Unauthorized");
}

export function methodNotAllowed(message = "the server does not allow this method on the requested resource"): ApiError {
  return failure(405, "MethodNotAllowed", message);
}

/** What the server says for a path it does not serve: kubectl prints "the server could not find the requested resource". */
export function notFoundPath(): ApiError {
  return failure(404, "NotFound", "the server could not find the requested resource");
}

export function gone(message: string): ApiError {
  return failure(410, "Expired", message);
}

export function unsupportedMediaType(contentType: string): ApiError {
  return failure(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json; got ${contentType}`);
}

export function tooManyRequests(message: string, retryAfterSeconds?: number): ApiError {
  return failure(429, "TooManyRequests", message, retryAfterSeconds ? { retryAfterSeconds, causes: [{ reason: "DisruptionBudget", message }] } : undefined);
}

export function internalError(message: string): ApiError {
  return failure(500, "InternalError", `Internal error occurred: ${message}`);
}

export function serviceUnavailable(message: string): ApiError {
  return failure(503, "ServiceUnavailable", message);
}

export function successStatus(details?: StatusDetails): Status & { status: "Success" } {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", ...(details ? { details } : {}), code: 200 } as Status & {
    status: "Success";
  };
}
