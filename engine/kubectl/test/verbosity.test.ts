import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/** kubectl -v: the request log lines a learner reads to see what kubectl asked the API server. */
let k: KubectlBench;
const withoutKlogHeader = (text: string) => text.replace(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, "");

beforeAll(() => {
  k = new KubectlBench();
});

describe("kubectl -v=6", () => {
  it("logs a generator's POST without asking discovery first (it uses a typed client)", async () => {
    const r = await k.run("create cm made --from-literal=a=b -v=6");
    const requests = withoutKlogHeader(r.stderr).split("\n").filter((l) => l.startsWith("round_trippers.go"));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatch(/"Response" verb="POST" url="https:\/\/[^"]+\/api\/v1\/namespaces\/default\/configmaps\?fieldManager=kubectl-create&fieldValidation=Strict" status="201 Created" milliseconds=\d+$/);
  });

  it("shows the server's Status object before a NotFound error, as StandardErrorMessage logs it", async () => {
    const r = await k.run("get cm nope -v=6");
    expect(r.code).toBe(1);
    const text = withoutKlogHeader(r.stderr);
    expect(text).toContain('helpers.go:246] server response object: %s[{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "configmaps \\"nope\\" not found",\n  "reason": "NotFound",\n  "details": {\n    "name": "nope",\n    "kind": "configmaps"\n  },\n  "code": 404\n}]\n');
    expect(text.endsWith('Error from server (NotFound): configmaps "nope" not found\n')).toBe(true);
    expect((await k.run("get cm nope")).stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
  });

  it("notes at -v=2 and up that -o name output is not a server-side Table", async () => {
    const r = await k.run("get ns default -o name -v=2");
    expect(r.stdout).toBe("namespace/default\n");
    expect(withoutKlogHeader(r.stderr)).toContain("table_printer.go:45] Unable to decode server response into a Table. Falling back to hardcoded types: attempt to decode non-Table object\n");
  });
});
