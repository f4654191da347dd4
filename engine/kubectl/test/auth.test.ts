import { beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { KubectlBench } from "./harness";

let k: KubectlBench;

beforeAll(() => {
  k = new KubectlBench();
  const admin = k.env.cluster().admin;
  admin.create({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "reader", namespace: "default" }, rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }] } as unknown as KubeObject);
  admin.create({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: "read-pods", namespace: "default" },
    subjects: [{ kind: "User", name: "jane", apiGroup: "rbac.authorization.k8s.io" }],
    roleRef: { kind: "Role", name: "reader", apiGroup: "rbac.authorization.k8s.io" },
  } as unknown as KubeObject);
});

describe("kubectl auth can-i", () => {
  it("answers yes with exit 0 and no with exit 1, impersonating with --as", async () => {
    expect(await k.run("auth can-i get pods")).toEqual({ stdout: "yes\n", stderr: "", code: 0 });
    expect(await k.run("auth can-i get pods --as=jane")).toEqual({ stdout: "yes\n", stderr: "", code: 0 });
    expect(await k.run("auth can-i delete pods --as=jane")).toEqual({ stdout: "no\n", stderr: "", code: 1 });
    expect(await k.run("auth can-i get pods --as=jane -n kube-system")).toEqual({ stdout: "no\n", stderr: "", code: 1 });
    expect(await k.run("auth can-i list pods --as=jane -q")).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(await k.run("auth can-i delete pods --as=jane --quiet")).toEqual({ stdout: "", stderr: "", code: 1 });
  });

  it("honours groups, subresources and names", async () => {
    expect((await k.run("auth can-i delete nodes --as=someone --as-group=system:masters")).stdout).toBe("yes\n");
    expect((await k.run("auth can-i get pods --subresource=log --as=jane")).code).toBe(1);
    expect((await k.run("auth can-i get pods/web --as=jane")).stdout).toBe("yes\n");
  });

  it("warns like kubectl about unknown types, unknown verbs and cluster-scoped resources", async () => {
    expect(await k.run("auth can-i get foos")).toEqual({ stdout: "yes\n", stderr: "Warning: the server doesn't have a resource type 'foos'\n\n", code: 0 });
    expect((await k.run("auth can-i get foo.bar")).stderr).toBe("Warning: the server doesn't have a resource type 'foo' in group 'bar'\n\n");
    expect((await k.run("auth can-i get nodes")).stderr).toBe("Warning: resource 'nodes' is not namespace scoped\n\n");
    expect((await k.run("auth can-i get nodes -A")).stderr).toBe("");
    expect((await k.run("auth can-i list clusterroles.rbac.authorization.k8s.io")).stderr).toBe("Warning: resource 'clusterroles' is not namespace scoped in group 'rbac.authorization.k8s.io'\n\n");
    expect((await k.run("auth can-i frob pods")).stderr).toBe("Warning: verb 'frob' is not a known verb\n\n");
    expect((await k.run("auth can-i impersonate users")).stderr).toBe("");
  });

  it("checks non-resource URLs", async () => {
    expect((await k.run("auth can-i get /healthz --as=jane")).stdout).toBe("yes\n");
    expect((await k.run("auth can-i post /healthz --as=jane")).code).toBe(1);
    expect(await k.run("auth can-i get /api --subresource=x")).toEqual({ stdout: "", stderr: "error: --subresource can not be used with NonResourceURL\n", code: 1 });
  });

  it("refuses bad argument combinations with kubectl's errors", async () => {
    expect(await k.run("auth can-i get")).toEqual({ stdout: "", stderr: "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n", code: 1 });
    expect((await k.run("auth can-i --list pods")).stderr).toBe("error: list option must be specified with no arguments\n");
    expect((await k.run("auth can-i --list -A")).stderr).toBe("error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n");
    expect((await k.run("auth can-i get pods --no-headers")).stderr).toBe("error: --no-headers cannot be set without --list specified\n");
  });

  it("--list compacts and sorts the rules review like kubectl", async () => {
    const r = await k.run("auth can-i --list --as=jane");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Resources                                       Non-Resource URLs   Resource Names   Verbs");
    expect(lines).toContain("pods                                            []                  []               [get list]");
    expect(lines[1]).toBe("selfsubjectreviews.authentication.k8s.io        []                  []               [create]");
    expect(lines.filter((l) => l.includes("[/healthz]"))).toHaveLength(2);
    const admin = await k.run("auth can-i --list --no-headers");
    expect(admin.stdout.split("\n")[0]).toMatch(/^\*\.\* +\[\] +\[\] +\[\*\]$/);
    expect((await k.run("auth can-i --list --as=jane -n kube-system")).stdout).not.toContain("pods ");
  });
});

describe("kubectl auth whoami", () => {
  it("prints the attributes table, yaml, json and name", async () => {
    expect((await k.run("auth whoami")).stdout).toBe("ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n");
    expect((await k.run("auth whoami --as=jane --as-group=devs")).stdout).toBe("ATTRIBUTE   VALUE\nUsername    jane\nGroups      [devs system:authenticated]\n");
    expect((await k.run("auth whoami -o yaml")).stdout).toBe(
      "apiVersion: authentication.k8s.io/v1\nkind: SelfSubjectReview\nmetadata:\n  creationTimestamp: null\nstatus:\n  userInfo:\n    groups:\n    - kubeadm:cluster-admins\n    - system:authenticated\n    username: kubernetes-admin\n",
    );
    expect((await k.run("auth whoami -o json")).stdout).toMatch(/^\{\n {4}"kind": "SelfSubjectReview",\n {4}"apiVersion": "authentication.k8s.io\/v1",/);
    expect((await k.run("auth whoami -o name")).stdout).toBe("selfsubjectreview.authentication.k8s.io/<unknown>\n");
  });
});

const ROLE_AND_BINDING = (verbs: string, user: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: rec
  namespace: team
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: [${verbs}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rec
  namespace: team
subjects:
- kind: User
  name: ${user}
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: rec
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ignored
`;

describe("kubectl auth reconcile", () => {
  it("creates what is missing (and the namespace), adds missing rules and subjects, reports on stderr", async () => {
    k.write("/root/rec1.yaml", ROLE_AND_BINDING('"get", "list"', "bob"));
    k.write("/root/rec2.yaml", ROLE_AND_BINDING('"get", "list", "watch"', "carol"));
    const first = await k.run("auth reconcile -f rec1.yaml");
    expect(first.stdout).toBe("role.rbac.authorization.k8s.io/rec reconciled\nrolebinding.rbac.authorization.k8s.io/rec reconciled\n");
    expect(first.stderr).toBe(
      "\treconciliation required create\n\tmissing rules added:\n\t\t{Verbs:[get list] APIGroups:[] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n" +
        "\treconciliation required create\n\tmissing subjects added:\n\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:bob Namespace:}\n",
    );
    expect((await k.run("get cm ignored -n team")).code).toBe(1);
    expect(await k.run("auth reconcile -f rec1.yaml")).toEqual({ stdout: "role.rbac.authorization.k8s.io/rec reconciled\nrolebinding.rbac.authorization.k8s.io/rec reconciled\n", stderr: "", code: 0 });

    const dry = await k.run("auth reconcile -f rec2.yaml --dry-run=client");
    expect(dry.stdout).toBe("role.rbac.authorization.k8s.io/rec reconciled (dry run)\nrolebinding.rbac.authorization.k8s.io/rec reconciled (dry run)\n");
    expect(dry.stderr).toContain("\t\t{Verbs:[watch] APIGroups:[] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n");
    expect((await k.run("get role rec -n team -o jsonpath={.rules[*].verbs}")).stdout).toBe('["get","list"]');

    const union = await k.run("auth reconcile -f rec2.yaml");
    expect(union.code).toBe(0);
    expect((await k.run("get rolebinding rec -n team -o jsonpath={.subjects[*].name}")).stdout).toBe("bob carol");

    k.write("/root/rec3.yaml", ROLE_AND_BINDING('"get"', "carol"));
    const strict = await k.run("auth reconcile -f rec3.yaml --remove-extra-subjects --remove-extra-permissions");
    expect(strict.stderr).toContain("\textra subjects removed:\n\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:bob Namespace:}\n");
    expect(strict.stderr).toContain("\textra rules removed:\n");
    expect((await k.run("get rolebinding rec -n team -o jsonpath={.subjects[*].name}")).stdout).toBe("carol");
    expect((await k.run("get role rec -n team -o jsonpath={.rules[*].verbs}")).stdout).toBe('["get"]');
  });

  it("refuses what kubectl refuses", async () => {
    expect((await k.run("auth reconcile")).stderr).toBe("error: must specify one of -f and -k\n");
    expect((await k.run("auth reconcile -f rec1.yaml x")).stderr).toBe("error: no arguments are allowed\n");
    expect((await k.run("auth reconcile -f rec1.yaml --dry-run=server")).stderr).toBe("error: --dry-run=server for command reconcile is not supported yet\n");
  });
});
