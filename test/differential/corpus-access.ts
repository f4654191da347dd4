import type { KubeObject } from "../../engine/api/types";
import type { Environment } from "../../engine/cluster/environment";
import type { Scenario } from "./corpus";

/** Differential corpus lines for the kubectl access verbs (kept apart so each area can grow its own). */
function create(env: Environment, obj: Record<string, unknown>): void {
  env.cluster().admin.create(obj as KubeObject);
}

const RBAC = "rbac.authorization.k8s.io";

/** A namespaced reader for jane, a cluster-wide node reader for the group ops, a service account. */
function seedAccess(env: Environment): void {
  create(env, { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
  create(env, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "deployer", namespace: "team" } });
  create(env, { apiVersion: `${RBAC}/v1`, kind: "Role", metadata: { name: "reader", namespace: "default" }, rules: [{ apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list"] }] });
  create(env, {
    apiVersion: `${RBAC}/v1`,
    kind: "RoleBinding",
    metadata: { name: "read-pods", namespace: "default" },
    subjects: [{ kind: "User", name: "jane", apiGroup: RBAC }],
    roleRef: { kind: "Role", name: "reader", apiGroup: RBAC },
  });
  create(env, { apiVersion: `${RBAC}/v1`, kind: "ClusterRole", metadata: { name: "node-reader" }, rules: [{ apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch"] }] });
  create(env, {
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRoleBinding",
    metadata: { name: "ops-nodes" },
    subjects: [{ kind: "Group", name: "ops", apiGroup: RBAC }],
    roleRef: { kind: "ClusterRole", name: "node-reader", apiGroup: RBAC },
  });
  create(env, {
    apiVersion: `${RBAC}/v1`,
    kind: "Role",
    metadata: { name: "deployer", namespace: "team" },
    rules: [
      { apiGroups: ["apps"], resources: ["deployments", "deployments/scale"], verbs: ["create", "get", "list", "update", "patch"] },
      { apiGroups: [""], resources: ["configmaps"], resourceNames: ["app-config"], verbs: ["get"] },
    ],
  });
  create(env, {
    apiVersion: `${RBAC}/v1`,
    kind: "RoleBinding",
    metadata: { name: "deployer", namespace: "team" },
    subjects: [{ kind: "ServiceAccount", name: "deployer", namespace: "team" }],
    roleRef: { kind: "Role", name: "deployer", apiGroup: RBAC },
  });
}

/** A pod and a deployment, settled, and a pod that never pulls its image. */
function seedWaits(env: Environment): void {
  create(env, { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default", labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.25" }] } });
  create(env, { apiVersion: "v1", kind: "Pod", metadata: { name: "broken", namespace: "default", labels: { app: "broken" } }, spec: { containers: [{ name: "app", image: "no-such-image:9" }] } });
  const labels = { app: "api" };
  create(env, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "api", namespace: "default", labels },
    spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "api", image: "nginx:1.25" }] } } },
  });
  env.advanceBy(60_000);
}

/** A PKCS#10 request for CN=maria, O=dev (fixed, so both environments store the same CSR). */
const MARIA_CSR =
  "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQ1l6Q0NBVXNDQVFBd0hqRU9NQXdHQTFVRUF3d0ZiV0Z5YVdFeEREQUtCZ05WQkFvTUEyUmxkakNDQVNJdwpEUVlKS29aSWh2Y05BUUVCQlFBRGdnRVBBRENDQVFvQ2dnRUJBS1VJenV2UWNFNXFkcHI3NnBsYWZzdWRNSGtKClhqME1aeHExOHhPbGJyQ2dkbDdDRG5vd01oMmxIUFJlNnAwcXpsbHpic1hwUVhlSE5JdEROb2REQ2doNzkyelYKejcrRS8xTVprcFVOUGg3OFFxRDJEOTQ4aVdCekVQWS81ank4MzJJZW1sQU9tQ3JhcWM1TkMwQkkzZklqdlcwMQplemdwdE5yMTBMeEgwUFE2OEF3TzJXL1RFdlNDOXRlenlyaVNCZkZxYkNPUUMzSHdwU29vQWorTnFLM3ZOZUllCi8xdmhDYzN5dWhSZXVRUmtGZWxWVUQwZ2p0ckV5Z2xkbytEWVZjd28yQXJmU1lUUksrT1RVL3YwNmE2bU9OQi8KUTZyenJyZGR2RThwWE9nUUY4NW5ESm9BNWFRcTNZQ2ZqeE9Qc0dxZGdHdktCOUlyMGRTVUluU1hjV0VDQXdFQQpBYUFBTUEwR0NTcUdTSWIzRFFFQkN3VUFBNElCQVFCQXBYU1ZHL3hOSWcrd3Y1RUMyb2xvSXpnRGlHeHl3cWRWCkF5SUR1QytPdFRXMkFoTzV2TzVrOWtWVi90Z3pMTGdQbTl1S3llVGdtNlk5eFgwemlvMzBZUWwyd2ZBREUvcmwKdlBPWlVxRTUzUFpRNnJtZTN1NGZwZThnQkhxQnlvSHJXczhwUXlFbXh6b2w3RzRBM2YzVnVwUk9xc2hYMEhjTAp3K0ZzSkQxTjBYV1kvTUdZRHZoa1RKbGpFaVpzOFRxdE5IYmYxYXBkalcwa1NQZ3RMV2FlclpJajZrYmZqdS8vCk5VYko0NGhsczM0Q2QzaFdDRXErTjhPMGsrSERwTVVadER3K09Ndms4bHJZejRlS21xK2FGQ3BSdUJhRzEycXkKa1h3UXhKQWNUdmdDUDVTNUtObjM0WGVlZXhrMUN3T1hhQ2M3RlgzaTJqYVNoMjI2UjlUOQotLS0tLUVORCBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K";

function seedCsrs(env: Environment): void {
  for (const name of ["c1", "c2", "c3", "c4"]) {
    create(env, {
      apiVersion: "certificates.k8s.io/v1",
      kind: "CertificateSigningRequest",
      metadata: { name },
      spec: { request: MARIA_CSR, signerName: "kubernetes.io/kube-apiserver-client", usages: ["client auth"] },
    });
  }
}

const RECONCILE_V1 = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: rec
  namespace: default
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rec
  namespace: default
subjects:
- kind: User
  name: bob
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: rec
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: skipped
`;

const RECONCILE_V2 = RECONCILE_V1.replace('"get", "list"', '"get", "list", "watch"').replace("name: bob", "name: carol");

const CLUSTER_RECONCILE = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: rec-cluster
  labels:
    team: blue
rules:
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get"]
- nonResourceURLs: ["/metrics"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: rec-cluster
subjects:
- kind: Group
  name: auditors
  apiGroup: rbac.authorization.k8s.io
- kind: ServiceAccount
  name: deployer
  namespace: team
roleRef:
  kind: ClusterRole
  name: rec-cluster
  apiGroup: rbac.authorization.k8s.io
`;

export const ACCESS_SCENARIOS: Scenario[] = [
  {
    name: "access",
    setup: seedAccess,
    files: { "rec1.yaml": RECONCILE_V1, "rec2.yaml": RECONCILE_V2, "cluster-rec.yaml": CLUSTER_RECONCILE },
    lines: [
      "auth can-i get pods",
      "auth can-i get pods --as=jane",
      "auth can-i delete pods --as=jane",
      "auth can-i get pods --as=jane -n team",
      "auth can-i get pods --as=jane -A",
      "auth can-i get pods/web --as=jane",
      "auth can-i get pods --subresource=log --as=jane",
      "auth can-i get pods --subresource=exec --as=jane",
      "auth can-i list pods --as=jane -q",
      "auth can-i delete pods --as=jane --quiet",
      "auth can-i list nodes --as=amy --as-group=ops",
      "auth can-i list nodes --as=amy",
      "auth can-i watch nodes --as=amy --as-group=ops -A",
      "auth can-i create deployments.apps --as=system:serviceaccount:team:deployer -n team",
      "auth can-i create deploy --as=system:serviceaccount:team:deployer -n team",
      "auth can-i update deployments.apps --subresource=scale --as=system:serviceaccount:team:deployer -n team",
      "auth can-i delete deployments --as=system:serviceaccount:team:deployer -n team",
      "auth can-i get configmaps/app-config --as=system:serviceaccount:team:deployer -n team",
      "auth can-i get configmaps --as=system:serviceaccount:team:deployer -n team",
      "auth can-i get foos",
      "auth can-i get foo.bar",
      "auth can-i get nodes",
      "auth can-i get clusterroles.rbac.authorization.k8s.io",
      "auth can-i frob pods",
      "auth can-i frob /api",
      "auth can-i get /healthz --as=jane",
      "auth can-i post /healthz --as=jane",
      "auth can-i get /metrics --as=jane",
      "auth can-i get /api --subresource=x",
      "auth can-i impersonate users",
      "auth can-i approve certificatesigningrequests.certificates.k8s.io",
      "auth can-i '*' '*' --as=jane",
      "auth can-i get",
      "auth can-i get pods extra",
      "auth can-i --list pods",
      "auth can-i --list -A",
      "auth can-i get pods --no-headers",
      "auth can-i --list --as=jane",
      "auth can-i --list --as=jane -n team",
      "auth can-i --list --as=system:serviceaccount:team:deployer -n team",
      "auth can-i --list --as=amy --as-group=ops --no-headers",
      "auth whoami",
      "auth whoami -o yaml",
      "auth whoami -o json",
      "auth whoami -o name",
      "auth whoami --as=jane",
      "auth whoami --as=amy --as-group=ops --as-group=devs",
      "auth whoami --as=system:serviceaccount:team:deployer -o yaml",
      "auth reconcile",
      "auth reconcile -f rec1.yaml extra",
      "auth reconcile -f rec1.yaml --dry-run=server",
      "auth reconcile -f rec1.yaml",
      "auth reconcile -f rec1.yaml",
      "auth reconcile -f rec2.yaml --dry-run=client",
      "auth reconcile -f rec2.yaml",
      "get rolebinding rec -o jsonpath={.subjects[*].name}",
      "auth reconcile -f rec1.yaml --remove-extra-subjects --remove-extra-permissions",
      "get role rec -o jsonpath={.rules[*].verbs}",
      "auth reconcile -f cluster-rec.yaml",
      "auth reconcile -f cluster-rec.yaml -o yaml",
      "auth reconcile -f cluster-rec.yaml -o name",
    ],
  },
  {
    name: "certificates",
    setup: seedCsrs,
    lines: [
      "certificate approve c1",
      "certificate approve c1",
      "certificate approve c1 --force",
      "certificate deny c1",
      "certificate deny c2 c3 nope",
      "certificate approve c2",
      "certificate approve",
      "certificate approve nope",
      "certificate approve c4 -o name",
      "certificate deny c4 -o jsonpath={.status.conditions[*].type}",
      { advance: 5000 },
      "get csr -o custom-columns=NAME:.metadata.name,CONDITION:.status.conditions[*].type,REASON:.status.conditions[*].reason",
      "certificate approve -f missing.yaml",
    ],
  },
  {
    name: "explain",
    lines: [
      "explain pods",
      "explain pods.spec",
      "explain pods.spec.containers",
      "explain pods.spec.containers.resources",
      "explain pods.spec.containers.ports.protocol",
      "explain pods.metadata.labels",
      "explain po.spec.volumes.hostPath --recursive",
      "explain deploy --recursive",
      "explain deploy.spec.strategy --recursive",
      "explain deployments.apps.spec",
      "explain deployments.apps.spec.replicas --api-version=apps/v1",
      "explain deployments.v1.apps.spec.replicas",
      "explain Deployment.spec.replicas",
      "explain svc.spec.type",
      "explain svc.spec.ports --recursive",
      "explain networkpolicies.spec.ingress.from",
      "explain ingress.spec.rules.http.paths.backend.service.port",
      "explain pv.spec.capacity",
      "explain pvc.spec.resources",
      "explain cronjobs.spec.jobTemplate.spec.template.spec.containers.securityContext.capabilities",
      "explain roles.rules",
      "explain clusterrolebindings.subjects",
      "explain nodes.spec.taints",
      "explain cm",
      "explain csr.spec.usages",
      "explain hpa.spec.metrics --recursive",
      "explain events",
      "explain events.events.k8s.io",
      "explain pods.",
      "explain pods.spec.foo",
      "explain pods.spec.containers[0]",
      "explain foos",
      "explain",
      "explain pods a",
      "explain pods --api-version=v2",
      "explain pods --api-version=a/b/c",
      "explain pods --output=foo",
    ],
  },
  {
    name: "waits",
    setup: seedWaits,
    lines: [
      "wait --for=condition=Ready pod/web --timeout=1s",
      "wait --for=condition=ready pod/web",
      "wait --for=condition=Ready=false pod/web --timeout=1s",
      "wait --for=condition=Ready=True pod/web --timeout=0",
      "wait --for=condition=Ready pod/broken --timeout=1s",
      "wait --for=condition=Ready pod/broken --timeout=0",
      "wait --for=condition=Available deploy/api --timeout=1s",
      "wait --for=condition=Available deployment.apps/api -o name",
      "wait --for=condition=Ready pods -l app=api --timeout=1s",
      "wait --for=condition=Ready pods --all --timeout=1s",
      "wait --for=condition=Ready pods -l nope=x --timeout=1s",
      "wait --for=condition=Ready pods -A -l app=web --timeout=1s",
      "wait --for=jsonpath={.status.phase}=Running pod/web --timeout=1s",
      "wait --for=jsonpath='{.status.phase}'=Pending pod/web --timeout=1s",
      "wait --for=jsonpath={.status.phase} pod/web",
      "wait --for=jsonpath=.status.readyReplicas=2 deploy/api",
      "wait --for=jsonpath={.spec.containers[*].name}=web pod/web",
      "wait --for=jsonpath={.spec.containers} pod/web",
      "wait --for=jsonpath={.spec}=x pod/web --timeout=1s",
      "wait --for=jsonpath={.status.phase}= pod/web",
      "wait --for=jsonpath={.status.phase}=Running -o jsonpath={.metadata.name} pod/web",
      "wait --for=create pod/web",
      "wait --for=create pod/nope --timeout=1s",
      "wait --for=condition=Ready pod/nope --timeout=1s",
      "wait --for=delete pod/nope --timeout=1s",
      "wait --for=delete pod/web --timeout=0",
      "wait --for=condition=Ready pod/broken pod/web --timeout=1s",
      "wait pod/web",
      "wait --for=foo pod/web",
      "wait --for=condition=Ready",
      "wait --for=condition=Ready pods",
      "delete pod web --wait=false",
      { advance: 60000 },
      "wait --for=delete pod/web --timeout=1s",
    ],
  },
  {
    name: "events",
    setup: seedWaits,
    lines: [
      "events",
      "events -A",
      "events -n kube-system",
      "events -n kube-system --no-headers",
      "events --for pod/broken",
      "events --for=pod/web",
      "events --for=deploy/api",
      "events --for=pod/nope",
      "events --types=Warning",
      "events --types=warning,normal",
      "events --types=Foo",
      "events --for web",
      "events --for=pod/a/b",
      "events --for=foo/x",
      "events -n nowhere",
      "events --for pod/web -o yaml",
      "events --for pod/web -o json",
      "events --for pod/web -o name",
      "events --for pod/web -o jsonpath={.items[*].reason}",
      { advance: 120000 },
      "events --for pod/broken",
      "events -A --types=Warning",
    ],
  },
];
