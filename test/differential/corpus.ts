import type { KubeObject } from "../../engine/api/types";
import type { Environment } from "../../engine/cluster/environment";
import { ACCESS_SCENARIOS } from "./corpus-access";
import { CONFIG_SCENARIOS } from "./corpus-config";
import { DESCRIBE_SCENARIOS } from "./corpus-describe";
import { EXAM_FLOW_SCENARIOS } from "./corpus-exam-flows";
import { FLAG_SCENARIOS } from "./corpus-flags";
import { RUNTIME_SCENARIOS } from "./corpus-runtime";

/**
 * The differential corpus: prepared cluster states, each with the command lines run through both
 * the real kubectl and the emulator. Lines run in order (later lines see earlier changes).
 */
export interface Scenario {
  name: string;
  /** Prepares the state through the API (applied identically to both environments). */
  setup?: (env: Environment) => void;
  /** Files written for both kubectls under the working directory. */
  files?: Record<string, string>;
  /**
   * Command lines (with stdin where given; `ages` compares with durations normalised, for output
   * the real kubectl ages by the machine's wall clock); `{ advance }` moves both clocks between lines.
   */
  lines: (string | { line: string; stdin?: string; ages?: true } | { advance: number })[];
}

function create(env: Environment, obj: Record<string, unknown>): void {
  env.cluster().admin.create(obj as KubeObject);
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
    tier: front
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    ports:
    - containerPort: 80
`;

const TWO_CMS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: one
data:
  a: "1"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: two
  labels:
    app: demo
data:
  b: "2"
`;

const BAD_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: broken
   labels: x
`;

const NO_KIND = `apiVersion: v1
metadata:
  name: nokind
`;

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: nginx:1.25
`;

const DEPLOY_V2 = DEPLOY.replace("replicas: 2", "replicas: 3").replace("nginx:1.25", "nginx:1.26");

function seedWorkloads(env: Environment): void {
  create(env, { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev", labels: { team: "blue" } } });
  create(env, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "default", labels: { app: "web" } }, data: { mode: "prod", level: "3" } });
  create(env, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "other", namespace: "dev" }, data: { x: "y" } });
  create(env, { apiVersion: "v1", kind: "Secret", metadata: { name: "creds", namespace: "default" }, type: "Opaque", data: { user: "YWRtaW4=", pass: "czNjcjN0" } });
  create(env, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot", namespace: "default" } });
  create(env, {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "default", labels: { app: "web" } },
    spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }] },
  });
  create(env, { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "reader", namespace: "default" }, rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }] });
  create(env, {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: "read-pods", namespace: "default" },
    subjects: [{ kind: "User", name: "jane", apiGroup: "rbac.authorization.k8s.io" }],
    roleRef: { kind: "Role", name: "reader", apiGroup: "rbac.authorization.k8s.io" },
  });
}

const OUTPUTS = ["", "-o wide", "-o name", "-o yaml", "-o json", "--no-headers", "--show-labels", "-L app", "-o jsonpath={.items[*].metadata.name}", "-o custom-columns=NAME:.metadata.name,NS:.metadata.namespace"];

/** A deployment with two revisions, a daemon set and a stateful set, all settled. */
function seedRollouts(env: Environment): void {
  const labels = { app: "web" };
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", labels },
    spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "nginx", image: "nginx:1.25" }] } } },
  };
  create(env, deployment);
  env.advanceBy(30_000);
  env.cluster().admin.patch("apps", "deployments", "default", "web", { metadata: { annotations: { "kubernetes.io/change-cause": "image 1.26" } }, spec: { template: { spec: { containers: [{ name: "nginx", image: "nginx:1.26" }] } } } });
  env.advanceBy(60_000);
  const agent = { app: "agent" };
  create(env, {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "agent", namespace: "default" },
    spec: { selector: { matchLabels: agent }, template: { metadata: { labels: agent }, spec: { containers: [{ name: "agent", image: "busybox:1.36", command: ["sleep", "infinity"] }] } } },
  });
  const db = { app: "db" };
  create(env, {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "db", namespace: "default" },
    spec: { serviceName: "db", replicas: 2, selector: { matchLabels: db }, template: { metadata: { labels: db }, spec: { containers: [{ name: "db", image: "redis:7" }] } } },
  });
  env.advanceBy(60_000);
}

const BASE_SCENARIOS: Scenario[] = [
  {
    name: "command-line",
    lines: [
      "",
      "get",
      "gett pods",
      "foo",
      "xyzzy",
      "get pods --foo",
      "get pods -x",
      "get pods -n",
      "get pods --namespace",
      "get pods -o",
      "get pods -o foo",
      "get pods --chunk-size=abc",
      "--foo get pods",
      "-n kube-system get pods --bogus=1",
      "get pods --",
      "describe",
      "delete pods",
      "create",
      "create foo",
      "create deployment",
      "create deployment x",
      "scale deploy x",
      "rollout",
      "rollout foo",
      "config foo",
      "set",
      "set foo",
      "create secret",
      "create service",
      "top",
      "auth",
      "certificate",
      "plugin",
      "help",
      "help get",
      "options",
      "get --help",
      "get -h",
      "describe --help",
      "create --help",
      "create deployment --help",
      "create deployment -h",
      "run --help",
      "apply --help",
      "delete --help",
      "logs --help",
      "exec --help",
      "expose --help",
      "scale --help",
      "rollout --help",
      "rollout status --help",
      "config --help",
      "config view --help",
      "label --help",
      "annotate --help",
      "taint --help",
      "drain --help",
      "edit --help",
      "patch --help",
      "explain --help",
      "auth can-i --help",
      "wait --help",
      "top pod --help",
      "version --help",
      "api-resources --help",
      "cluster-info --help",
      "events --help",
      "set image --help",
      "create secret generic --help",
      "create service nodeport --help",
      "kustomize --help",
      "completion --help",
    ],
  },
  {
    name: "empty-cluster",
    lines: [
      ...OUTPUTS.map((o) => `get ns ${o}`.trim()),
      ...OUTPUTS.map((o) => `get pods ${o}`.trim()),
      "get pods -A",
      "get pods -n kube-public",
      "get nodes",
      "get nodes -o wide",
      "get nodes --show-labels",
      "get node controlplane -o name",
      "get podz",
      "get podz.apps",
      "get pods x",
      "get pods x -o name",
      "get pods x -o json",
      "get pods x --ignore-not-found",
      "get pods x y",
      "get ns default kube-system",
      "get ns default nope",
      "get ns/default",
      "get namespace/default namespaces/kube-system",
      "get ns/default ns",
      "get ns/",
      "get namespaces.v1",
      "get Namespace",
      "get NS",
      "get ns -l kubernetes.io/metadata.name=default",
      "get ns -l 'kubernetes.io/metadata.name in (default,kube-system)'",
      "get ns --selector=nope=x",
      "get ns --field-selector metadata.name=default",
      "get ns --sort-by=.metadata.name",
      "get ns --sort-by=.metadata.name -o name",
      "get ns --sort-by=.nope",
      "get ns --chunk-size=1",
      "get ns --chunk-size=1 --no-headers",
      "get ns default -o jsonpath={.metadata.name}",
      "get ns default -o jsonpath={.metadata.labels}",
      "get ns default -o jsonpath={.missing}",
      "get ns default -o jsonpath={.missing} --allow-missing-template-keys=false",
      "get ns -o 'jsonpath={range .items[*]}{.metadata.name}{\"\\n\"}{end}'",
      "get ns -o jsonpath={.items[0].metadata.name}",
      "get ns -o jsonpath={.items[-1:].metadata.name}",
      "get ns -o jsonpath={..name}",
      "get ns -o jsonpath={.items[?(@.metadata.name==\"default\")].status.phase}",
      "get ns -o jsonpath={.items[*].metadata['name']}",
      "get ns -o jsonpath-as-json={.items[*].metadata.name}",
      "get ns -o jsonpath={.items[",
      "get ns default -o go-template={{.metadata.name}}",
      "get ns -o 'go-template={{range .items}}{{.metadata.name}}:{{end}}'",
      "get ns -o 'go-template={{range .items}}{{if eq .metadata.name \"default\"}}{{.status.phase}}{{end}}{{end}}'",
      "get ns default -o go-template={{.missing}}",
      "get ns default -o go-template={{.missing}} --allow-missing-template-keys=false",
      "get ns default -o 'go-template={{len .metadata.labels}}'",
      "get ns -o 'template={{(index .items 0).metadata.name}}'",
      "get ns default -o custom-columns=NAME:.metadata.name,LABELS:.metadata.labels",
      "get ns -o custom-columns=NAME:metadata.name,PHASE:{.status.phase}",
      "get ns -o custom-columns=BAD",
      "get ns -o custom-columns=",
      "get ns -o wide=x",
      "get all",
      "get all -A",
      "get all -n kube-system",
      "get svc",
      "get svc -A",
      "get svc kubernetes -o yaml",
      "get svc,ns",
      "get ns,svc -o name",
      "get cm -A",
      "get sa",
      "get clusterroles --no-headers -l nope=1",
      "get crd",
      "get events",
      "get ev -A",
      "get pv",
      "get sc",
      "get ingress",
      "get netpol",
      "get pdb",
      "get hpa",
      "get cj",
      "get jobs",
      "get ds -A",
      "get rs",
      "get sts",
      "get ep",
      "get limits",
      "get quota",
      "get pc",
      "get csr",
      "get leases -A",
      "get apiservices",
      "get ns -w --request-timeout=1s",
      "get --raw /version",
      "get --raw /api/v1/namespaces/default",
      "get --raw /nope",
      "api-versions",
      "api-resources",
      "api-resources --namespaced=false",
      "api-resources -o name",
      "api-resources -o wide",
      "api-resources --api-group=apps",
      "api-resources --verbs=list --namespaced",
      "api-resources --sort-by=name",
      "api-resources foo",
      "version",
      "version --client",
      "version -o json",
      "version -o yaml",
      "version foo",
      "cluster-info",
      "cluster-info foo",
      "config view",
      "config view --minify",
      "config view -o jsonpath={.contexts[*].name}",
      "config get-contexts",
      "config get-contexts -o name",
      "config current-context",
      "config get-clusters",
      "config get-users",
      "auth can-i get pods",
      "auth can-i create deployments.apps",
      "auth can-i '*' '*'",
      "auth can-i get pods --as=jane",
      "auth can-i list secrets -n kube-system",
      "auth can-i --list",
      "auth whoami",
      "auth whoami -o yaml",
      "explain pods",
      "explain pods.spec.containers",
      "explain deploy --recursive",
      "describe ns default",
      "describe ns",
      { line: "describe nodes", ages: true },
      "describe svc kubernetes",
      "describe pods",
      "describe pods nope",
      "describe podz",
      "completion bash",
      "plugin list",
      "events",
      "events -A",
      "top nodes",
      "top pods",
      "kustomize .",
    ],
  },
  {
    name: "rollouts",
    setup: seedRollouts,
    lines: [
      "rollout status deploy web",
      "rollout status deploy/web --watch=false",
      "rollout status deploy web --revision=2",
      "rollout status deploy web --revision=1",
      "rollout status ds agent",
      "rollout status sts db",
      "rollout status cm kube-root-ca.crt",
      "rollout status",
      "rollout history deploy web",
      "rollout history deploy web --revision=1",
      "rollout history deploy web --revision=2",
      "rollout history deploy web --revision=9",
      "rollout history deploy web -o name",
      "rollout history deploy web --revision=1 -o jsonpath={.spec.template.spec.containers[0].image}",
      "rollout history ds agent",
      "rollout history ds agent --revision=1",
      "rollout history sts db",
      "rollout history sts db -o name",
      "rollout history cm kube-root-ca.crt",
      "rollout undo deploy web --dry-run=client",
      "rollout undo deploy web --to-revision=2",
      "rollout undo deploy web --to-revision=9",
      "rollout undo ds agent",
      "rollout undo ds agent --to-revision=1",
      "rollout undo ds agent --dry-run=client --to-revision=1",
      "rollout pause deploy web",
      "rollout pause deploy web",
      "rollout pause ds agent",
      "rollout restart deploy web",
      "rollout undo deploy web",
      "rollout resume deploy web",
      "rollout resume deploy web",
      "rollout resume ds/agent",
      "rollout undo deploy web",
      "rollout status deploy web --timeout=2s",
      { advance: 60_000 },
      "rollout status deploy web",
      "rollout history deploy web",
      "get rs -o custom-columns=NAME:.metadata.name,REV:.metadata.annotations.deployment\\.kubernetes\\.io/revision,HIST:.metadata.annotations.deployment\\.kubernetes\\.io/revision-history",
      "rollout undo deploy web --to-revision=3",
      "rollout restart ds agent -o name",
      "rollout restart sts db",
      "rollout restart cm kube-root-ca.crt",
      "rollout history deploy web -o yaml --revision=3",
      "rollout pause deploy web -o yaml",
    ],
  },
  {
    name: "set",
    setup: (env) => {
      seedRollouts(env);
      create(env, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "default" }, data: { "log-level": "3" } });
      create(env, { apiVersion: "v1", kind: "Secret", metadata: { name: "creds", namespace: "default" }, type: "Opaque", data: { user: "YWRtaW4=" } });
      create(env, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot", namespace: "default" } });
    },
    files: { "deploy.yaml": DEPLOY },
    lines: [
      "set image deploy web nope=x",
      "set image deploy web nginx=nginx:1.26",
      "set image deploy web nginx=nginx:1.27",
      "set image cm settings a=b",
      "set image deploy web",
      "set image deploy/web nginx=a *=b",
      "set image deploy web nginx=nginx:1.27 --local",
      "set image -f deploy.yaml api=nginx:1.28 --local -o yaml",
      "set image -f deploy.yaml *=busybox --local -o json",
      "set image deploy/web *=nginx:1.28 --dry-run=client -o jsonpath={.spec.template.spec.containers[0].image}",
      "set image deploy/web nginx=nginx:1.28 --dry-run=server",
      "set image ds agent agent=busybox:1.37",
      "set image sts/db db=redis:7.2 -o name",
      "set image deploy nope x=y",
      "set env deploy web A=1 B=2",
      "set env deploy web --list",
      "set env deploy web --from=configmap/settings",
      "set env deploy web --from=secret/creds --prefix=DB_",
      "set env deploy web --from=configmap/settings --keys=log-level --prefix=CFG_ --dry-run=client -o yaml",
      "set env deploy web --list",
      "set env deploy web A-",
      "set env deploy web 1A=x",
      "set env deploy web A=1 A-",
      "set env deploy web A=1 --overwrite=false",
      "set env deploy web B=3 --overwrite=false",
      "set env deploy web foo",
      "set env deploy web -c nope X=1",
      "set env deploy web --keys=mode",
      // Go ranges over a ConfigMap's keys in random order, so the corpus reads one key at a time.
      "set env deploy web A=1 deploy/x",
      "set env deploy web --list -o yaml",
      "set env cm/settings X=1",
      "set env -f deploy.yaml --local X=1 -o yaml",
      "set env deploy web -e C=3 -e D=4",
      "get deploy web -o jsonpath={.spec.template.spec.containers[0].env}",
      "set resources deploy web --limits=cpu=200m,memory=256Mi",
      "set resources deploy web --requests=cpu=100m -o yaml",
      "set resources deploy web",
      "set resources deploy web --limits=cpu=abc",
      "set resources deploy web -c nope --limits=cpu=1",
      "set resources -f deploy.yaml --local --limits=memory=1Gi -o yaml",
      "set sa deploy web robot",
      "set sa deploy web robot",
      "set serviceaccount deploy web",
      "set selector svc kubernetes a=b --dry-run=client",
      "set selector deploy web app=x",
      "create rolebinding rb --clusterrole=view --user=ann",
      "set subject rolebinding rb --user=bob --group=devs --serviceaccount=default:robot",
      "set subject rolebinding rb --user=bob",
      "get rolebinding rb -o yaml",
      "set subject rolebinding nope --user=x",
      "set subject deploy web --user=x",
      "rollout history deploy web",
    ],
  },
  {
    name: "maintenance",
    setup: (env) => {
      seedRollouts(env);
      create(env, { apiVersion: "v1", kind: "Pod", metadata: { name: "bare", namespace: "default" }, spec: { nodeName: "node01", containers: [{ name: "bare", image: "nginx:1.25" }] } });
      create(env, {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "scratch", namespace: "default" },
        spec: { nodeName: "node01", volumes: [{ name: "s", emptyDir: {} }], containers: [{ name: "scratch", image: "nginx:1.25", volumeMounts: [{ name: "s", mountPath: "/s" }] }] },
      });
      create(env, { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "web", namespace: "default" }, spec: { minAvailable: 2, selector: { matchLabels: { app: "web" } } } });
      env.advanceBy(30_000);
    },
    files: { "deploy.yaml": DEPLOY, "pod.yaml": POD },
    lines: [
      "drain node01",
      "drain node01 --ignore-daemonsets",
      "drain node01 --ignore-daemonsets --force",
      "drain node01 --ignore-daemonsets --force --delete-emptydir-data --dry-run=client",
      "drain node01 node02 --ignore-daemonsets --dry-run=client",
      "drain nope",
      "drain",
      "drain node01 -l x=y",
      "uncordon node01",
      "autoscale deploy web --max=0",
      "autoscale deploy web --min=3 --max=2",
      "autoscale cm kube-root-ca.crt --max=2",
      "autoscale deploy nope --max=2",
      "autoscale deploy web --max=5 --name=hpa1",
      "autoscale deploy web --max=5 --name=hpa1",
      "autoscale deploy web --max=5 --name=hpa2 -o name",
      "autoscale deploy/web --max=4 --dry-run=server",
      "autoscale deploy web --min=2 --max=4 --cpu-percent=70 --dry-run=client -o yaml",
      "autoscale deploy web --max=3 --dry-run=client -o json",
      "autoscale sts db --max=3",
      "autoscale",
      "get hpa",
      "create -f deploy.yaml",
      "replace -f deploy.yaml",
      "replace -f deploy.yaml -o name",
      "replace -f deploy.yaml --dry-run=server",
      "replace -f deploy.yaml --dry-run=client",
      "replace",
      "replace deploy api",
      "replace -f pod.yaml",
      "replace -f pod.yaml --force --dry-run=client",
      "edit cm kube-root-ca.crt",
      "edit",
      "edit cm nope",
    ],
  },
  {
    name: "workloads",
    setup: seedWorkloads,
    files: { "pod.yaml": POD, "cms.yaml": TWO_CMS, "bad.yaml": BAD_YAML, "nokind.yaml": NO_KIND, "deploy.yaml": DEPLOY, "deploy-v2.yaml": DEPLOY_V2, "dir/a.yaml": TWO_CMS, "dir/nested/b.yaml": POD },
    lines: [
      ...OUTPUTS.map((o) => `get cm ${o}`.trim()),
      ...OUTPUTS.map((o) => `get svc ${o}`.trim()),
      "get cm -A",
      "get cm -n dev",
      "get cm settings -o yaml",
      "get cm settings -o json",
      "get cm settings -o yaml --show-managed-fields",
      "get secret creds -o yaml",
      "get secret creds -o jsonpath={.data.user}",
      "get secret creds -o 'go-template={{.data.user | base64decode}}'",
      "get sa robot -o yaml",
      "get svc web -o wide",
      "get roles",
      "get rolebindings",
      "get rolebindings -o wide",
      "get role reader -o yaml",
      "get ns dev --show-labels",
      "get cm,secret",
      "get cm,secret --show-kind",
      "get cm settings secret/creds",
      "get cm/settings svc/web -o name",
      "get cm -l app=web",
      "get cm -l app!=web",
      "get cm -l 'app in (web,api)'",
      "get cm --sort-by=.metadata.name",
      "get cm --sort-by=.data.mode",
      "get cm -o custom-columns=NAME:.metadata.name,MODE:.data.mode",
      "describe cm settings",
      "describe secret creds",
      "describe sa robot",
      "describe svc web",
      "describe role reader",
      "describe rolebinding read-pods",
      "describe ns dev",
      "describe cm set",
      "create -f pod.yaml",
      "create -f pod.yaml",
      "get pods",
      "get pods -o wide",
      "get pod web -o yaml",
      "get pods --show-labels",
      "get pods -L app,tier",
      { line: "describe pod web", ages: true },
      "create -f cms.yaml --dry-run=client",
      "create -f cms.yaml --dry-run=server",
      "create -f cms.yaml -o name",
      "create -f bad.yaml",
      "create -f nokind.yaml",
      "create -f missing.yaml",
      "create -f dir",
      "create -f dir -R --dry-run=client",
      { line: "create -f - --dry-run=client", stdin: TWO_CMS },
      "apply -f deploy.yaml",
      "apply -f deploy.yaml",
      "get deploy api -o yaml",
      "apply -f deploy-v2.yaml",
      "apply -f deploy-v2.yaml --dry-run=client",
      "apply -f deploy-v2.yaml --dry-run=server",
      "get deploy api -o jsonpath={.spec.replicas}",
      "apply -f cms.yaml",
      "apply -f cms.yaml -o name",
      "apply -f bad.yaml",
      "apply -f pod.yaml",
      "apply --server-side -f cms.yaml",
      "apply",
      "diff -f deploy.yaml",
      "create deployment web2 --image=nginx",
      "create deployment web2 --image=nginx",
      "create deployment web3 --image=nginx --replicas=2 -o yaml",
      "create deployment web4 --image=nginx --dry-run=server -o name",
      "create ns team",
      "create ns team -o yaml",
      "create cm c1 --from-literal=a=1",
      "create secret generic s1 --from-literal=a=1 -o json",
      "create sa bot",
      "create service clusterip svc1 --tcp=80:8080",
      "create service nodeport np --tcp=80:8080 --node-port=30099",
      "create job j1 --image=busybox",
      "create cronjob cj1 --image=busybox --schedule=@daily",
      "create job j2 --from=cronjob/cj1",
      "create role r1 --verb=get --resource=pods",
      "create role r2 --verb=get --resource=nope",
      "create role r3 --verb=fly --resource=pods",
      "create rolebinding rb1 --role=r1 --user=bob",
      "create rolebinding rb2 --user=bob",
      "create clusterrole cr1 --verb=list --resource=nodes",
      "create clusterrolebinding crb1 --clusterrole=cr1 --group=ops",
      "create ingress ing1 --rule=example.com/=web:80",
      "create quota q1 --hard=pods=3",
      "create pdb pdb1 --selector=app=web --min-available=1",
      "create pdb pdb2 --selector=app=web",
      "create priorityclass pc1 --value=100",
      "create token robot",
      "run busy --image=busybox --restart=Never -- sleep 3600",
      "run busy --image=busybox",
      "run exposed --image=nginx --port=80 --expose",
      "run nameless",
      "expose deploy api --port=80 --target-port=8080",
      "expose deploy api --port=80 --name=api-np --type=NodePort",
      "expose pod web",
      "expose pod web --port=8080 --name=web-alt -o yaml --dry-run=client",
      "expose cm settings --port=80",
      "get all",
      "get all -o name",
      "get deploy,rs,pods",
      { line: "describe deploy api", ages: true },
      { line: "describe deploy", ages: true },
      "label pod web env=prod",
      "label pod web env=dev",
      "label pod web env=dev --overwrite",
      "label pod web env-",
      "label pods --all stage=1",
      "label pod web 'bad key=1'",
      "label ns dev team-",
      "annotate pod web note='hello world'",
      "annotate pod web note-",
      "annotate deploy api owner=me --overwrite",
      "scale deploy api --replicas=5",
      "scale deploy api --replicas=1 --current-replicas=4",
      "scale deploy nope --replicas=1",
      "scale --replicas=2 -f deploy.yaml",
      "autoscale deploy api --min=2 --max=4 --cpu-percent=70",
      "get hpa",
      "rollout status deploy api --timeout=1s",
      "rollout history deploy api",
      "rollout restart deploy api",
      "rollout pause deploy api",
      "rollout resume deploy api",
      "rollout undo deploy api",
      "set image deploy api api=nginx:1.27",
      "set image deploy api nope=nginx",
      "set env deploy api MODE=debug",
      "set env deploy api --list",
      "set resources deploy api --limits=cpu=200m,memory=256Mi",
      "set serviceaccount deploy api robot",
      "set selector svc web app=other",
      "patch deploy api -p {\"spec\":{\"replicas\":2}}",
      "patch deploy api --type=merge -p {\"metadata\":{\"labels\":{\"x\":\"y\"}}}",
      "patch deploy api --type=json -p [{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]",
      "patch deploy api -p {bad",
      "patch cm settings -p {\"data\":{\"mode\":\"dev\"}}",
      "patch cm settings -p {\"data\":{\"mode\":\"dev\"}}",
      "replace -f deploy.yaml",
      "replace --force -f pod.yaml",
      "taint node node01 key=value:NoSchedule",
      "taint node node01 key=value:NoSchedule",
      "taint node node01 key:NoSchedule-",
      "taint node node01 bad",
      "cordon node01",
      "cordon node01",
      "get nodes",
      "uncordon node01",
      "drain node02 --ignore-daemonsets --delete-emptydir-data --force --timeout=5s",
      "uncordon node02",
      "logs web",
      "logs nope",
      "logs",
      "logs deploy/api",
      "exec web -- ls",
      "exec nope -- ls",
      "cp pod.yaml web:/tmp/pod.yaml",
      "port-forward pod/web 8080:80 --request-timeout=1s",
      "attach web",
      "auth can-i get pods --as=jane",
      "auth can-i delete pods --as=jane",
      "auth reconcile -f cms.yaml",
      "certificate approve nope",
      "wait --for=condition=Ready pod/web --timeout=1s",
      "wait --for=delete pod/nope --timeout=1s",
      "wait --for=jsonpath={.status.phase}=Running pod/web --timeout=1s",
      "edit cm settings",
      "config set-context --current --namespace=dev",
      "config view --minify -o jsonpath={..namespace}",
      "get cm",
      "config set-context --current --namespace=default",
      "config use-context nope",
      "config rename-context nope x",
      "config delete-context nope",
      "delete cm one",
      "delete cm one",
      "delete cm one --ignore-not-found",
      "delete cm -l app=demo",
      "delete cm -l app=nothing",
      "delete -f cms.yaml",
      "delete -f cms.yaml --ignore-not-found",
      "delete pod web --now",
      "delete pod busy --grace-period=0 --force",
      "delete deploy api --cascade=orphan",
      "delete deploy web2 --cascade=foreground",
      "delete deploy web3 --cascade=bogus",
      "delete cm --all -n dev",
      "delete pods --all -l x=y",
      "delete ns team",
      "delete svc web -o name",
      "delete sa bot --dry-run=client",
      "delete sa bot --dry-run=server",
      "delete sa bot --now --grace-period=5",
      "delete all --all -n dev",
      "get all",
      { line: "events -n default", ages: true },
    ],
  },
];

export const SCENARIOS: Scenario[] = [...BASE_SCENARIOS, ...ACCESS_SCENARIOS, ...RUNTIME_SCENARIOS, ...CONFIG_SCENARIOS, ...DESCRIBE_SCENARIOS, ...FLAG_SCENARIOS, ...EXAM_FLOW_SCENARIOS];

export function corpusSize(): number {
  return SCENARIOS.reduce((n, s) => n + s.lines.filter((l) => typeof l === "string" || "line" in l).length, 0);
}
