import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import { SYSTEM_ADMIN } from "../../types";
import { goJsonSyntaxError } from "../go-json";

/** Bodies as the HTTP adapter hands them over: text, checked as the real API server's decoders check it. */
function setup() {
  const cluster = Environment.create().cluster();
  cluster.clientFor(SYSTEM_ADMIN).create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app", namespace: "default" }, data: { color: "blue" } });
  const send = (method: "PATCH" | "POST", contentType: string, body: string, query = "fieldValidation=Strict") => {
    const path = method === "PATCH" ? "/api/v1/namespaces/default/configmaps/app" : "/api/v1/namespaces/default/configmaps";
    const response = cluster.apiserver.handle({ method, path, query: new URLSearchParams(query), headers: { "content-type": contentType }, body, user: SYSTEM_ADMIN });
    const status = response.body as { code?: number; reason?: string; message?: string };
    return { code: response.status, reason: status.reason, message: status.message };
  };
  return { send };
}

const STRATEGIC = "application/strategic-merge-patch+json";
const MERGE = "application/merge-patch+json";
const JSON_PATCH = "application/json-patch+json";

describe("Go's JSON syntax errors", () => {
  it("word each kind of mistake as encoding/json does", () => {
    expect(goJsonSyntaxError("not json")).toBe("invalid character 'o' in literal null (expecting 'u')");
    expect(goJsonSyntaxError("{\"a\":1,}")).toBe("invalid character '}' looking for beginning of object key string");
    expect(goJsonSyntaxError("{'a':1}")).toBe("invalid character '\\'' looking for beginning of object key string");
    expect(goJsonSyntaxError("{\"a\" 1}")).toBe("invalid character '1' after object key");
    expect(goJsonSyntaxError("{\"a\":1 \"b\":2}")).toBe("invalid character '\"' after object key:value pair");
    expect(goJsonSyntaxError("[1,]")).toBe("invalid character ']' looking for beginning of value");
    expect(goJsonSyntaxError("[1 2]")).toBe("invalid character '2' after array element");
    expect(goJsonSyntaxError("{\"a\":1}x")).toBe("invalid character 'x' after top-level value");
    expect(goJsonSyntaxError("[01]")).toBe("invalid character '1' after array element");
    expect(goJsonSyntaxError("-x")).toBe("invalid character 'x' in numeric literal");
    expect(goJsonSyntaxError("1.e5")).toBe("invalid character 'e' after decimal point in numeric literal");
    expect(goJsonSyntaxError("1e+")).toBe("unexpected end of JSON input");
    expect(goJsonSyntaxError("\"a\\qb\"")).toBe("invalid character 'q' in string escape code");
    expect(goJsonSyntaxError("\"\\u12G4\"")).toBe("invalid character 'G' in \\u hexadecimal character escape");
    expect(goJsonSyntaxError("\"a\nb\"")).toBe("invalid character '\\n' in string literal");
    expect(goJsonSyntaxError("{\"a\":")).toBe("unexpected end of JSON input");
    expect(goJsonSyntaxError("tru")).toBe("unexpected end of JSON input");
    expect(goJsonSyntaxError("fals3")).toBe("invalid character '3' in literal false (expecting 'e')");
    expect(goJsonSyntaxError("  {\"a\": [1, 2.5e-3, true, null, \"\\u00e9\"]}  ")).toBeUndefined();
  });
});

describe("malformed patch bodies", () => {
  it("a strategic merge patch that is not JSON, or not an object: 400 with the decoder's words", () => {
    const { send } = setup();
    expect(send("PATCH", STRATEGIC, "not json")).toEqual({ code: 400, reason: "BadRequest", message: "invalid character 'o' in literal null (expecting 'u')" });
    expect(send("PATCH", STRATEGIC, "\"not json\"")).toEqual({ code: 400, reason: "BadRequest", message: "json: cannot unmarshal string into Go value of type map[string]interface {}" });
    expect(send("PATCH", STRATEGIC, "[1]", "")).toEqual({ code: 400, reason: "BadRequest", message: "json: cannot unmarshal array into Go value of type map[string]interface {}" });
  });

  it("a merge patch: 'error decoding patch: …' under Strict or Warn, 'Invalid JSON Patch' under Ignore", () => {
    const { send } = setup();
    expect(send("PATCH", MERGE, "{\"data\":")).toEqual({ code: 400, reason: "BadRequest", message: "error decoding patch: unexpected end of JSON input" });
    expect(send("PATCH", MERGE, "42", "")).toEqual({ code: 400, reason: "BadRequest", message: "error decoding patch: json: cannot unmarshal number into Go value of type map[string]interface {}" });
    expect(send("PATCH", MERGE, "{\"data\":", "fieldValidation=Ignore")).toEqual({ code: 400, reason: "BadRequest", message: "Invalid JSON Patch" });
    expect(send("PATCH", MERGE, "null")).toEqual({ code: 400, reason: "BadRequest", message: "Invalid JSON Patch" });
  });

  it("a JSON patch: the operations list as the handler decodes it, or the json-patch library under Ignore", () => {
    const { send } = setup();
    expect(send("PATCH", JSON_PATCH, "[{\"op\":\"remove\" \"path\":\"/data\"}]")).toEqual({
      code: 400,
      reason: "BadRequest",
      message: "error decoding patch: invalid character '\"' after object key:value pair",
    });
    expect(send("PATCH", JSON_PATCH, "{\"op\":\"remove\"}")).toEqual({ code: 400, reason: "BadRequest", message: "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp" });
    expect(send("PATCH", JSON_PATCH, "[1]")).toEqual({ code: 400, reason: "BadRequest", message: "error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp" });
    expect(send("PATCH", JSON_PATCH, "[{\"op\":1,\"path\":\"/data\"}]")).toEqual({
      code: 400,
      reason: "BadRequest",
      message: "error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string",
    });
    expect(send("PATCH", JSON_PATCH, "not json", "fieldValidation=Ignore")).toEqual({ code: 400, reason: "BadRequest", message: "invalid character 'o' in literal null (expecting 'u')" });
    expect(send("PATCH", JSON_PATCH, "{}", "fieldValidation=Ignore")).toEqual({ code: 400, reason: "BadRequest", message: "json: cannot unmarshal object into Go value of type jsonpatch.Patch" });
  });

  it("a well-formed patch still applies, and a create with broken JSON names the Go scanner's error", () => {
    const { send } = setup();
    expect(send("PATCH", MERGE, "{\"data\":{\"size\":\"large\"}}").code).toBe(200);
    expect(send("POST", "application/json", "{\"metadata\":{\"name\":\"x\"},}")).toEqual({
      code: 400,
      reason: "BadRequest",
      message: "couldn't get version/kind; json parse error: invalid character '}' looking for beginning of object key string",
    });
  });
});
