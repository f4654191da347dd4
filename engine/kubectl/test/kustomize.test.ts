import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/** kubectl kustomize and -k over the workstation filesystem; expected texts recorded from kubectl v1.33. */
let k: KubectlBench;

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        envFrom:
        - configMapRef:
            name: web-config
        volumeMounts:
        - name: sec
          mountPath: /s
      volumes:
      - name: sec
        secret:
          secretName: creds
`;

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

beforeAll(() => {
  k = new KubectlBench();
  k.write("/root/app/base/deploy.yaml", DEPLOY);
  k.write("/root/app/base/svc.yaml", SVC);
  k.write("/root/app/base/kustomization.yaml", "resources:\n- deploy.yaml\n- svc.yaml\nconfigMapGenerator:\n- name: web-config\n  literals:\n  - MODE=prod\n  - B=2\nsecretGenerator:\n- name: creds\n  literals:\n  - password=s3cret\n");
  k.write(
    "/root/app/overlay/kustomization.yaml",
    `resources:
- ../base
namespace: staging
namePrefix: stg-
nameSuffix: -v2
commonLabels:
  env: staging
commonAnnotations:
  owner: team-a
images:
- name: nginx
  newName: registry.local/nginx
  newTag: "1.27"
replicas:
- name: web
  count: 3
patches:
- patch: |-
    - op: add
      path: /spec/template/spec/containers/0/args
      value: ["--x"]
  target:
    kind: Deployment
- patch: |-
    apiVersion: v1
    kind: Service
    metadata:
      name: web
    spec:
      type: NodePort
`,
  );
});

describe("kubectl kustomize", () => {
  it("prints generated objects first with kustomize's content hash in their names", async () => {
    const r = await k.run("kustomize /root/app/base");
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("apiVersion: v1\ndata:\n  B: \"2\"\n  MODE: prod\nkind: ConfigMap\nmetadata:\n  name: web-config-g462hdhdtg\n---\napiVersion: v1\ndata:\n  password: czNjcmV0\nkind: Secret\nmetadata:\n  name: creds-bf5fk5d75b\ntype: Opaque\n---\napiVersion: v1\nkind: Service\n")).toBe(true);
    expect(r.stdout).toContain("            name: web-config-g462hdhdtg\n");
    expect(r.stdout).toContain("          secretName: creds-bf5fk5d75b\n");
  });

  it("applies an overlay: namespace, affixes, labels into selectors, annotations, images, replicas and patches", async () => {
    const r = await k.run("kustomize /root/app/overlay");
    expect(r.stderr).toBe("# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n");
    const docs = r.stdout.split("---\n");
    expect(docs.map((d) => /\nkind: (\w+)/.exec(d)?.[1])).toEqual(["ConfigMap", "Secret", "Service", "Deployment"]);
    expect(docs[2]).toBe(
      "apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    owner: team-a\n  labels:\n    env: staging\n  name: stg-web-v2\n  namespace: staging\nspec:\n  ports:\n  - port: 80\n  selector:\n    app: web\n    env: staging\n  type: NodePort\n",
    );
    expect(docs[3]).toContain("  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n      env: staging\n");
    expect(docs[3]).toContain("      - args:\n        - --x\n        envFrom:\n        - configMapRef:\n            name: stg-web-config-v2-g462hdhdtg\n        image: registry.local/nginx:1.27\n");
    expect(docs[3]).toContain("          secretName: stg-creds-v2-bf5fk5d75b\n");
  });

  it("reads files and env files into generators, honours disableNameSuffixHash and generatorOptions", async () => {
    k.write("/root/gen/app.properties", "line1\nline2\n");
    k.write("/root/gen/app.env", "A=1\n# c\nB=two words\n");
    k.write("/root/gen/kustomization.yaml", "configMapGenerator:\n- name: files\n  files:\n  - app.properties\n  - custom.txt=app.properties\n- name: envs\n  envs:\n  - app.env\n  options:\n    disableNameSuffixHash: true\nsecretGenerator:\n- name: tls\n  type: kubernetes.io/tls\n  literals:\n  - tls.crt=abc\n  - tls.key=def\ngeneratorOptions:\n  annotations:\n    g: h\n");
    const r = await k.run("kustomize /root/gen");
    expect(r.stdout).toContain("  name: envs\n---\n");
    expect(r.stdout).toContain("data:\n  app.properties: |\n    line1\n    line2\n  custom.txt: |\n    line1\n    line2\nkind: ConfigMap\nmetadata:\n  annotations:\n    g: h\n  name: files-h94bbm7446\n");
    expect(r.stdout).toContain("  name: tls-td2b65gdb7\ntype: kubernetes.io/tls\n");
  });

  it("fails like kubectl v1.33 (error: …, exit 1) for a missing kustomization, resource or patch target", async () => {
    k.write("/root/empty/readme.txt", "x");
    let r = await k.run("kustomize /root/empty");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/root/empty'\n");
    k.write("/root/e1/kustomization.yaml", "resources:\n- missing.yaml\n");
    r = await k.run("kustomize /root/e1");
    expect(r.stderr).toContain(`error: accumulating resources: accumulation err='accumulating resources from 'missing.yaml': evalsymlink failure on '/root/e1/missing.yaml' : lstat /root/e1/missing.yaml: no such file or directory'`);
    k.write("/root/e3/kustomization.yaml", "resources:\n- ../app/base\npatches:\n- patch: |-\n    apiVersion: v1\n    kind: Service\n    metadata:\n      name: nothere\n    spec:\n      type: NodePort\n");
    r = await k.run("kustomize /root/e3");
    expect(r.stderr).toBe(`error: no resource matches strategic merge patch "Service.v1.[noGrp]/nothere.[noNs]": no matches for Id Service.v1.[noGrp]/nothere.[noNs]; failed to find unique target for patch Service.v1.[noGrp]/nothere.[noNs]\n`);
    k.write("/root/e4/kustomization.yaml", "resources:\n- ../app/base\nfoo: bar\n");
    r = await k.run("kustomize /root/e4");
    expect(r.stderr).toBe(`error: invalid Kustomization: json: unknown field "foo"\n`);
  });
});

describe("kustomize details checked against kubectl v1.33", () => {
  it("labels StatefulSet claim templates, hashes empty generators as kustomize does, and reads JSON Lists", async () => {
    k.write("/root/h1/sts.yaml", "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: postgres:16\n  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n");
    k.write("/root/h1/list.json", '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"z"},"data":{"k":"v"}}]}');
    k.write("/root/h1/kustomization.yaml", "resources:\n- sts.yaml\n- list.json\ncommonLabels:\n  part-of: shop\nconfigMapGenerator:\n- name: e\nsecretGenerator:\n- name: s\n");
    const r = await k.run("kustomize /root/h1");
    expect(r.stdout).toContain("kind: ConfigMap\nmetadata:\n  labels:\n    part-of: shop\n  name: e-6ct58987ht\n---\n");
    expect(r.stdout).toContain("apiVersion: v1\ndata: {}\nkind: Secret\nmetadata:\n  labels:\n    part-of: shop\n  name: s-");
    expect(r.stdout).toContain("  volumeClaimTemplates:\n  - metadata:\n      labels:\n        part-of: shop\n      name: data\n");
    expect(r.stdout).toContain("  name: z\n");
  });

  it("rejects a literal YAML read as a map with encoding/json's wording", async () => {
    k.write("/root/q1/kustomization.yaml", "configMapGenerator:\n- name: x\n  literals:\n  - colon=a: b\n");
    expect(await k.run("kustomize /root/q1")).toEqual({
      stdout: "",
      stderr: "error: invalid Kustomization: json: cannot unmarshal object into Go struct field ConfigMapArgs.configMapGenerator.GeneratorArgs.KvPairSources.literals of type string\n",
      code: 1,
    });
  });

  it("misses objects in another namespace with a patch that names none, still printing the bases' deprecation notes", async () => {
    k.write("/root/q3/base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: team\n");
    k.write("/root/q3/base/kustomization.yaml", "resources:\n- cm.yaml\ncommonLabels:\n  a: b\n");
    k.write("/root/q3/kustomization.yaml", "resources:\n- base\npatches:\n- patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: c\n    data:\n      x: y\n");
    expect(await k.run("kustomize /root/q3")).toEqual({
      stdout: "",
      stderr:
        "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\nerror: no resource matches strategic merge patch \"ConfigMap.v1.[noGrp]/c.[noNs]\": no matches for Id ConfigMap.v1.[noGrp]/c.[noNs]; failed to find unique target for patch ConfigMap.v1.[noGrp]/c.[noNs]\n",
      code: 1,
    });
  });

  it("writes the build to a file with -o, and refuses several directories", async () => {
    expect(await k.run("kustomize /root/app/base -o /root/out.yaml")).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(k.host.fs.readFileSync("/root/out.yaml")).toBe((await k.run("kustomize /root/app/base")).stdout);
    expect(await k.run("kustomize /root/app/base -o /root/outdir/")).toEqual({ stdout: "", stderr: "error: open /root/outdir/: is a directory\n", code: 1 });
    expect(await k.run("kustomize /root/app/base /root/app/overlay")).toEqual({ stdout: "", stderr: "error: specify one path to kustomization.yaml\n", code: 1 });
  });

  it("names a directory without a kustomization in the accumulation error", async () => {
    k.write("/root/h2/plain/svc.yaml", SVC);
    k.write("/root/h2/kustomization.yaml", "resources:\n- plain\n");
    const r = await k.run("kustomize /root/h2");
    expect(r.stderr).toBe(
      "error: accumulating resources: accumulation err='accumulating resources from 'plain': '/root/h2/plain' must resolve to a file': couldn't make target for path '/root/h2/plain': unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/root/h2/plain'\n",
    );
  });
});

describe("-k on apply, get, delete and create", () => {
  it("applies the built objects, lists them with get -k and deletes them with delete -k", async () => {
    await k.run("create namespace staging");
    let r = await k.run("apply -k /root/app/overlay");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("configmap/stg-web-config-v2-g462hdhdtg created\nsecret/stg-creds-v2-bf5fk5d75b created\nservice/stg-web-v2 created\ndeployment.apps/stg-web-v2 created\n");
    r = await k.run("get -k /root/app/overlay -o name");
    expect(r.stdout).toBe("configmap/stg-web-config-v2-g462hdhdtg\nsecret/stg-creds-v2-bf5fk5d75b\nservice/stg-web-v2\ndeployment.apps/stg-web-v2\n");
    expect((await k.run("get deploy stg-web-v2 -n staging -o jsonpath={.spec.template.spec.containers[0].image}")).stdout).toBe("registry.local/nginx:1.27");
    r = await k.run("apply -k /root/app/overlay");
    expect(r.stdout).toContain("deployment.apps/stg-web-v2 unchanged\n");
    r = await k.run("delete -k /root/app/overlay");
    expect(r.stdout).toBe('configmap "stg-web-config-v2-g462hdhdtg" deleted\nsecret "stg-creds-v2-bf5fk5d75b" deleted\nservice "stg-web-v2" deleted\ndeployment.apps "stg-web-v2" deleted\n');
    r = await k.run("create -k /root/app/base");
    expect(r.stdout).toBe("configmap/web-config-g462hdhdtg created\nsecret/creds-bf5fk5d75b created\nservice/web created\ndeployment.apps/web created\n");
  });

  it("refuses -f with -k and reports kustomize errors with kubectl's error: prefix", async () => {
    let r = await k.run("apply -k /root/app/base -f /root/app/base/svc.yaml");
    expect(r).toMatchObject({ code: 1, stderr: "error: only one of -f or -k can be specified\n" });
    r = await k.run("apply -k ./nonexist");
    expect(r).toMatchObject({ code: 1, stderr: "error: must build at directory: not a valid directory: evalsymlink failure on './nonexist' : lstat /root/nonexist: no such file or directory\n" });
  });
});
