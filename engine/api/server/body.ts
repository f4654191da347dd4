import { parse as parseYaml, YAMLParseError } from "yaml";
import { badRequest } from "../errors";
import { GO_YAML_OPTIONS } from "../go-yaml";
import { goJsonSyntaxError } from "../patch/go-json";

/** Decodes a request body: HTTP gives text (JSON, or YAML for apply patches); in-process callers pass objects. */
export function decodeBody(body: unknown, contentType: string | undefined): unknown {
  if (body === undefined || body === null || body === "") return undefined;
  if (typeof body !== "string" && !(body instanceof Uint8Array)) return body;
  const text = typeof body === "string" ? body : new TextDecoder().decode(body);
  const type = (contentType ?? "application/json").split(";")[0].trim();
  if (type.endsWith("yaml")) {
    try {
      // Repeated keys are strict field validation's to report (the last one wins, as in go-yaml).
      return parseYaml(text, { ...GO_YAML_OPTIONS, uniqueKeys: false });
    } catch (e) {
      const message = e instanceof YAMLParseError ? e.message : String(e);
      throw badRequest(`error converting YAML to JSON: ${message}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    // The words of Go's JSON scanner, as the real server's decoder reports them.
    throw badRequest(`couldn't get version/kind; json parse error: ${goJsonSyntaxError(text) ?? (e as Error).message}`);
  }
}
