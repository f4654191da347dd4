import type { KubeObject } from "../../engine/api/types";
import type { Scenario } from "./corpus";

/** Differential corpus lines for the kubectl config verbs (kept apart so each area can grow its own). */

const KZ_DEPLOY = `apiVersion: apps/v1
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

const KZ_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

const KZ_BASE = `resources:
- deploy.yaml
- svc.yaml
configMapGenerator:
- name: web-config
  literals:
  - MODE=prod
  - B=2
secretGenerator:
- name: creds
  literals:
  - password=s3cret
`;

const KZ_OVERLAY = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- ../base
namespace: staging
namePrefix: stg-
labels:
- pairs:
    env: staging
  includeSelectors: true
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
`;

const KZ_LEGACY = `resources:
- ../base
commonLabels:
  team: a
patchesStrategicMerge:
- |-
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: 2
`;

const KZ_GENERATORS = `configMapGenerator:
- name: files
  files:
  - app.properties
  - custom.txt=app.properties
- name: envs
  envs:
  - app.env
  options:
    disableNameSuffixHash: true
    labels:
      x: "y"
secretGenerator:
- name: tls
  type: kubernetes.io/tls
  literals:
  - tls.crt=abc
  - tls.key=def
generatorOptions:
  annotations:
    g: h
`;

export const CONFIG_SCENARIOS: Scenario[] = [
  {
    name: "kustomize",
    setup: (env) => {
      env.cluster().admin.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "staging" } } as KubeObject);
    },
    files: {
      "base/deploy.yaml": KZ_DEPLOY,
      "base/svc.yaml": KZ_SERVICE,
      "base/kustomization.yaml": KZ_BASE,
      "overlay/kustomization.yaml": KZ_OVERLAY,
      "legacy/kustomization.yaml": KZ_LEGACY,
      "gen/kustomization.yaml": KZ_GENERATORS,
      "gen/app.properties": "line1\nline2\n",
      "gen/app.env": "A=1\n# comment\nB=two words\n",
      "bad/kustomization.yaml": "resources:\n- ../base\nfoo: bar\n",
    },
    lines: [
      "kustomize base",
      "kustomize overlay",
      "kustomize legacy",
      "kustomize gen",
      "kustomize bad",
      "apply -k overlay",
      "get -k overlay -o name",
      "apply -k overlay",
      "apply -k base -f base/svc.yaml",
      "create -k base --dry-run=client -o name",
      "delete -k overlay",
      "create -k base",
    ],
  },
  {
    name: "diff",
    setup: (env) => {
      const admin = env.cluster().admin;
      admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "default" }, data: { mode: "dev" } } as KubeObject);
      admin.create({ apiVersion: "v1", kind: "Secret", metadata: { name: "creds", namespace: "default" }, type: "Opaque", data: { user: "YWRtaW4=", pass: "b2xk" } } as KubeObject);
    },
    files: {
      "settings.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: dev\n",
      "settings-prod.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: prod\n  extra: \"1\"\n",
      "creds.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ntype: Opaque\ndata:\n  user: YWRtaW4=\n  pass: bmV3\n",
      "fresh.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: fresh\nstringData:\n  token: abc\n",
      "ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: newns\n",
      "elsewhere.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  namespace: nsx\ndata:\n  a: b\n",
    },
    lines: [
      "diff -f settings.yaml",
      "diff -f settings-prod.yaml",
      "diff -f creds.yaml",
      "diff -f fresh.yaml",
      "diff -f ns.yaml",
      "diff -f elsewhere.yaml",
      "diff -f nope.yaml",
      "diff",
      "apply -f settings-prod.yaml",
      "diff -f settings-prod.yaml",
      "diff -f settings.yaml",
    ],
  },
  {
    name: "taint-completion-plugins",
    lines: [
      "taint nodes node01 key=value:NoExecute",
      "taint nodes node01 key=value:NoExecute-",
      "taint nodes node01 key=value:NoExecute-",
      "taint nodes node01 a=b:NoSchedule k2:NoExecute",
      "taint nodes node01 a=zzz:NoSchedule- k2-",
      "taint nodes node01 a-",
      "taint nodes node01 a=b-",
      "completion",
      "completion foo",
      "completion bash zsh",
      "plugin list",
      "plugin list --name-only",
    ],
  },
  {
    name: "cluster-info-dump",
    lines: ["cluster-info dump --namespaces default", "cluster-info dump --namespaces default -o yaml", "cluster-info dump -o name", "cluster-info dump"],
  },
];
