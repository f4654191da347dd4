import type { CommandContext } from "../cli/command";
import { StatusError } from "../cli/errors";
import type { HttpMethod } from "../../api/types";
import { apiJsonBody } from "../../http/json-response";
import { USER_AGENT } from "../client/transport";

/**
 * kubectl's rawhttp (`get|create|replace|delete --raw PATH [-f FILE|-]`): one request to the path
 * as given, the body read as bytes from the file or stdin and sent as JSON, and the server's answer
 * printed as it came. A learner binds a pod by hand this way:
 * `kubectl create --raw /api/v1/namespaces/ns/pods/p/binding -f binding.json`.
 */
export function rawRequest(c: CommandContext, method: HttpMethod, rawPath: string, filename?: string): number {
  const [path, q] = rawPath.split("?");
  const query: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(q ?? "")) (query[k] ??= []).push(v);
  const body = filename === undefined ? undefined : readBody(c, filename);
  const response = c.factory.rest().request({ method, path, query, ...(body !== undefined ? { body, headers: { "content-type": "application/json" } } : {}) });
  if (response.status >= 400) {
    const status = response.body as StatusError["status"];
    if (status && typeof status === "object" && status.kind === "Status") throw new StatusError(status);
    throw new Error("the server could not find the requested resource");
  }
  // The bytes as the apiserver writes them for kubectl: compact JSON and a newline (/version: indented).
  c.out(typeof response.body === "string" ? response.body : apiJsonBody(response.body, { query: new URLSearchParams(q ?? ""), userAgent: USER_AGENT, rawJson: response.rawJson }));
  return 0;
}

/** What os.Open then io.Copy give rawhttp: the file's bytes, or stdin for `-`. */
function readBody(c: CommandContext, filename: string): string {
  const ctx = c.factory.ctx;
  if (filename === "-") return ctx.stdin;
  const full = filename.startsWith("/") ? filename : `${ctx.cwd.replace(/\/$/, "")}/${filename}`;
  const text = ctx.host.fs.readFileSync(full);
  if (text === undefined) throw new Error(`open ${filename}: no such file or directory`);
  return text;
}

/**
 * The checks create, replace and delete make of `--raw` before sending (url.ParseRequestURI
 * accepts an absolute path or a URL with a scheme).
 */
export function validateRaw(rawPath: string, filenames: string[], options: { recursive: boolean; output: string; selector?: string; edit?: boolean; fileRequired: boolean }): void {
  if (options.edit) throw new Error("--raw and --edit are mutually exclusive");
  if (options.fileRequired ? filenames.length !== 1 : filenames.length > 1) throw new Error("--raw can only use a single local file or stdin");
  if (filenames[0]?.startsWith("http://") || filenames[0]?.startsWith("https://")) throw new Error("--raw cannot read from a url");
  if (options.recursive) throw new Error("--raw and --recursive are mutually exclusive");
  if (options.selector) throw new Error("--raw and --selector (-l) are mutually exclusive");
  if (options.output) throw new Error("--raw and --output are mutually exclusive");
  if (!rawPath.startsWith("/") && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(rawPath)) throw new Error(`--raw must be a valid URL path: parse "${rawPath}": invalid URI for request`);
}
