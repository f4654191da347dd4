import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkClientCertificate } from "../../api/auth/client-certificates";
import { KubectlBench } from "../../kubectl/test/harness";
import { ContentCache } from "../content-cache";
import { Environment } from "../environment";

const YEAR = 365 * 24 * 3600 * 1000;

const WIDGETS_CRD = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.example.com" },
  spec: {
    group: "example.com",
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget", shortNames: ["wd"] },
    versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } }],
  },
};

describe("ContentCache", () => {
  it("computes once per text, hands out frozen results and remembers failures", () => {
    let calls = 0;
    const cache = new ContentCache<unknown>();
    const parseCounted = (text: string) => cache.get(text, () => (calls++, parse(text)));
    const a = parseCounted("a: {b: 1}") as { a: { b: number } };
    expect(parseCounted("a: {b: 1}")).toBe(a);
    expect(calls).toBe(1);
    expect(() => {
      a.a.b = 2;
    }).toThrow(TypeError);
    expect(() => parseCounted("a: [")).toThrow();
    expect(() => parseCounted("a: [")).toThrow();
    expect(calls).toBe(2);
  });

  it("keeps at most maxEntries texts, dropping the least recently used, and never oversized ones", () => {
    let calls = 0;
    const cache = new ContentCache<number>(2, 10);
    const length = (text: string) => cache.get(text, () => (calls++, text.length));
    length("one");
    length("two");
    length("one");
    length("three"); // drops "two", the least recently used
    expect(cache.size).toBe(2);
    length("one");
    expect(calls).toBe(3);
    length("two");
    expect(calls).toBe(4);
    length("a text longer than ten");
    length("a text longer than ten");
    expect(calls).toBe(6);
  });
});

describe("kubectl with discovery and kubeconfig kept between commands", () => {
  it("sees a CustomResourceDefinition as soon as it is created, and forgets it once deleted and the discovery cache is stale", async () => {
    const bench = new KubectlBench(Environment.create());
    expect((await bench.run("get widgets")).stderr).toBe('error: the server doesn\'t have a resource type "widgets"\n');
    bench.env.cluster().admin.create(WIDGETS_CRD);
    const found = await bench.run("get wd");
    expect(found).toMatchObject({ code: 0, stderr: "No resources found in default namespace.\n" });
    bench.env.cluster().admin.delete("apiextensions.k8s.io", "customresourcedefinitions", undefined, "widgets.example.com");
    bench.env.advanceBy(5_000);
    // The discovery cache still lists widgets, so kubectl asks for them, as the real one does.
    expect(await bench.run("get widgets")).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): Unable to list "example.com/v1, Resource=widgets": the server could not find the requested resource\n' });
    bench.env.advanceBy(6 * 3600_000);
    expect(await bench.run("get widgets")).toMatchObject({ code: 1, stderr: 'error: the server doesn\'t have a resource type "widgets"\n' });
  });

  it("reads the kubeconfig as it is now: edits by kubectl config and by hand both count", async () => {
    const bench = new KubectlBench(Environment.create());
    expect((await bench.run("config set-context --current --namespace=first")).code).toBe(0);
    expect((await bench.run("config set-context --current --namespace=second")).code).toBe(0);
    expect((await bench.run(["config", "view", "--minify", "-o", "jsonpath={..namespace}"])).stdout).toBe("second");
    const path = "/root/.kube/config";
    bench.write(path, bench.host.fs.readFileSync(path)!.replace("namespace: second", "namespace: third"));
    expect((await bench.run(["config", "view", "--minify", "-o", "jsonpath={..namespace}"])).stdout).toBe("third");
  });
});

describe("client certificates checked against the cluster's time", () => {
  it("accepts the kubeadm admin certificate, refuses it once expired, and accepts it again at a valid time", () => {
    const env = Environment.create();
    const fs = env.homeHost.fs;
    const adminConf = parse(fs.readFileSync("/etc/kubernetes/admin.conf")!) as { users: { user: Record<string, string> }[] };
    const pem = Buffer.from(adminConf.users[0].user["client-certificate-data"], "base64").toString("utf8");
    const caPem = fs.readFileSync("/etc/kubernetes/pki/ca.crt")!;
    const now = env.clock.now();
    expect(checkClientCertificate(pem, caPem, now)).toEqual({ user: { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] } });
    const later = checkClientCertificate(pem, caPem, now + 2 * YEAR);
    expect("error" in later && later.error).toMatch(/^x509: certificate has expired or is not yet valid: current time \S+ is after /);
    expect(checkClientCertificate(pem, caPem, now)).toHaveProperty("user.username", "kubernetes-admin");
    expect(checkClientCertificate(pem, pem, now)).toEqual({ error: "x509: certificate signed by unknown authority" });
  });
});
