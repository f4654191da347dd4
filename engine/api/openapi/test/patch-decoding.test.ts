import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import { SYSTEM_ADMIN } from "../../types";
import { goValueString } from "../patch-decoding";

// Expected texts: runtime.DefaultUnstructuredConverter's errors wrapped by the patch handler as
// field.Invalid(field.NewPath("patch"), fmt.Sprintf("%+v", patchMap), err) in a nameless 422.
const cluster = Environment.create().cluster();
const deployments = "/apis/apps/v1/namespaces/default/deployments";
cluster.apiserver.handle({
  method: "POST",
  path: deployments,
  query: new URLSearchParams(),
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } } },
  }),
  user: SYSTEM_ADMIN,
});

function patch(body: unknown, type = "application/strategic-merge-patch+json") {
  const response = cluster.apiserver.handle({ method: "PATCH", path: `${deployments}/web`, query: new URLSearchParams(), headers: { "content-type": type }, body: JSON.stringify(body), user: SYSTEM_ADMIN });
  return response as { status: number; body: { message: string; reason: string; details?: Record<string, unknown> } };
}

describe("strategic merge patches with wrongly typed values", () => {
  it("answer 422 naming the patch and the converter's complaint", () => {
    const response = patch({ spec: { replicas: "3" } });
    expect(response.status).toBe(422);
    expect(response.body.reason).toBe("Invalid");
    expect(response.body.message).toBe(' "" is invalid: patch: Invalid value: "map[spec:map[replicas:3]]": unrecognized type: int32');
    // No kind or name: kubectl prints "The request is invalid: patch: Invalid value: …".
    expect(response.body.details).toEqual({ causes: [{ reason: "FieldValueInvalid", message: 'Invalid value: "map[spec:map[replicas:3]]": unrecognized type: int32', field: "patch" }] });
  });

  it("word each Go kind pair as the converter does", () => {
    const detail = (body: unknown) => patch(body).body.message.replace(/^.*": /, "");
    expect(detail({ spec: { template: { spec: { nodeSelector: { disk: true } } } } })).toBe("unrecognized type: string");
    expect(detail({ spec: { template: { spec: { nodeSelector: { disk: 1 } } } } })).toBe("cannot convert int64 to string");
    expect(detail({ spec: { template: { spec: { containers: [{ name: "nginx", args: "sleep" }] } } } })).toBe("cannot restore slice from string");
    expect(detail({ spec: { template: "x" } })).toBe("cannot restore struct from: string");
    expect(detail({ spec: { paused: "yes" } })).toBe("unrecognized type: bool");
    expect(detail({ spec: { replicas: 1.5 } })).toBe("cannot convert float64 to int32");
    expect(detail({ spec: { template: { spec: { containers: [{ name: "nginx", resources: { limits: { cpu: true } } }] } } } })).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it("print the patch as Go prints a map: sorted keys, bare strings, slices with spaces", () => {
    expect(goValueString({ spec: { b: [1, "x", { name: "c" }], a: null, $patch: "replace" } })).toBe("map[spec:map[$patch:replace a:<nil> b:[1 x map[name:c]]]]");
  });

  it("leave well-typed patches and other patch types alone", () => {
    expect(patch({ spec: { replicas: 3, template: { spec: { containers: [{ name: "nginx", resources: { limits: { cpu: 1 } } }] } } } }).status).toBe(200);
    expect(patch({ metadata: { labels: { tier: "web" } } }, "application/merge-patch+json").status).toBe(200);
  });
});
