import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import { SYSTEM_ADMIN, type KubeList } from "../../types";

/** Five labelled ConfigMaps in "paging" and one elsewhere, listed through ApiServer.handle as kubectl does. */
function setup() {
  const env = Environment.create();
  const cluster = env.cluster();
  const admin = cluster.clientFor(SYSTEM_ADMIN);
  admin.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "paging" } });
  for (const name of ["a", "b", "c", "d", "e"]) {
    admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "paging", labels: { tier: name < "c" ? "front" : "back" } } });
  }
  admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "other", namespace: "default", labels: { tier: "front" } } });
  const list = (namespace: string | undefined, query: Record<string, string>) => {
    const path = namespace ? `/api/v1/namespaces/${namespace}/configmaps` : "/api/v1/configmaps";
    const response = cluster.apiserver.handle({ method: "GET", path, query: new URLSearchParams(query), user: SYSTEM_ADMIN });
    return { status: response.status, body: response.body as KubeList & { message?: string } };
  };
  const names = (body: KubeList) => body.items.map((o) => o.metadata.name).filter((n) => n !== "kube-root-ca.crt");
  return { list, names };
}

describe("list paging and selectors (the server's read path)", () => {
  it("pages with limit and continue: each page in key order, the remaining count, no token on the last page", () => {
    const { list, names } = setup();
    const first = list("paging", { limit: "2" });
    expect(first.status).toBe(200);
    expect(first.body.items.map((o) => o.metadata.name)).toEqual(["a", "b"]);
    // kube-root-ca.crt (sorted after "e") is the sixth ConfigMap of the namespace.
    expect(first.body.metadata.remainingItemCount).toBe(4);
    const second = list("paging", { limit: "2", continue: first.body.metadata.continue! });
    expect(second.body.items.map((o) => o.metadata.name)).toEqual(["c", "d"]);
    expect(second.body.metadata.remainingItemCount).toBe(2);
    const third = list("paging", { limit: "2", continue: second.body.metadata.continue! });
    expect(names(third.body)).toEqual(["e"]);
    expect(third.body.metadata.continue).toBeUndefined();
    expect(third.body.metadata.remainingItemCount).toBeUndefined();
    // A page keeps the resourceVersion of the first one.
    expect(third.body.metadata.resourceVersion).toBe(first.body.metadata.resourceVersion);
  });

  it("applies the label selector before paging, across namespaces too", () => {
    const { list } = setup();
    const front = list(undefined, { labelSelector: "tier=front", limit: "2" });
    expect(front.body.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(["default/other", "paging/a"]);
    expect(front.body.metadata.remainingItemCount).toBe(1);
    const rest = list(undefined, { labelSelector: "tier=front", limit: "2", continue: front.body.metadata.continue! });
    expect(rest.body.items.map((o) => o.metadata.name)).toEqual(["b"]);
    const back = list("paging", { labelSelector: "tier!=front,tier" });
    expect(back.body.items.map((o) => o.metadata.name)).toEqual(["c", "d", "e"]);
  });

  it("a limit as large as the list gives everything and no token; a bad token is the API's 400", () => {
    const { list, names } = setup();
    const all = list("paging", { limit: "6" });
    expect(all.body.items).toHaveLength(6);
    expect(all.body.metadata.continue).toBeUndefined();
    expect(names(list("paging", { fieldSelector: "metadata.name=c" }).body)).toEqual(["c"]);
    const bad = list("paging", { limit: "2", continue: "%%%" });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe("continue key is not valid: illegal base64 data at input byte 0");
  });
});
