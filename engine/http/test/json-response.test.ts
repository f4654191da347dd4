import { describe, expect, it } from "vitest";
import { KubectlBench } from "../../kubectl/test/harness";
import { apiJsonBody } from "../json-response";

// What kube-apiserver's JSON serializer writes: the bytes `curl` and `kubectl get --raw` print as they come.
describe("API JSON response bodies", () => {
  const status = { kind: "Status", message: "a <b> & c" };

  it("is compact with a newline for clients such as kubectl, indented without one for curl", () => {
    expect(apiJsonBody(status, { userAgent: "kubectl/v1.33.2 (linux/amd64) kubernetes/a894614" })).toBe('{"kind":"Status","message":"a \\u003cb\\u003e \\u0026 c"}\n');
    expect(apiJsonBody(status, { userAgent: "curl/7.81.0" })).toBe('{\n  "kind": "Status",\n  "message": "a \\u003cb\\u003e \\u0026 c"\n}');
  });

  it("lets ?pretty decide, and indents /version (WriteRawJSON) whoever asks", () => {
    expect(apiJsonBody({ a: 1 }, { userAgent: "curl/7.81.0", query: new URLSearchParams("pretty=false") })).toBe('{"a":1}\n');
    expect(apiJsonBody({ a: 1 }, { userAgent: "kubectl", query: new URLSearchParams("pretty=true") })).toBe('{\n  "a": 1\n}');
    expect(apiJsonBody({ a: 1 }, { userAgent: "kubectl", rawJson: true })).toBe('{\n  "a": 1\n}');
  });

  it("reaches kubectl get --raw as the server wrote it", async () => {
    const k = new KubectlBench();
    const ns = await k.run("get --raw /api/v1/namespaces/default");
    expect(ns.stdout.startsWith('{"apiVersion":"v1","kind":"Namespace",')).toBe(true);
    expect(ns.stdout.endsWith("}\n")).toBe(true);
    expect((await k.run("get --raw /version")).stdout).toMatch(/^\{\n {2}"major": "1",\n[\s\S]*"platform": "linux\/amd64"\n\}$/);
  });
});
