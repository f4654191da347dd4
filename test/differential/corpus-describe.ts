import type { KubeObject } from "../../engine/api/types";
import type { Environment } from "../../engine/cluster/environment";
import type { Scenario } from "./corpus";

/**
 * `kubectl describe` for every kind a CKA learner describes, on one prepared state. Lines whose
 * output carries ages (events, a node's pods) compare with ages normalised: the real kubectl takes
 * them from the machine's wall clock, the emulator from the environment's clock.
 */
const RBAC = "rbac.authorization.k8s.io";

function seedDescribe(env: Environment): void {
  const admin = env.cluster().admin;
  const create = (obj: Record<string, unknown>) => admin.create(obj as KubeObject);
  const web = { app: "web" };
  create({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", labels: web },
    spec: {
      replicas: 2,
      selector: { matchLabels: web },
      template: {
        metadata: { labels: web },
        spec: {
          containers: [
            {
              name: "nginx",
              image: "nginx:1.25",
              ports: [{ containerPort: 80, name: "http" }],
              resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "250m", memory: "128Mi" } },
            },
          ],
        },
      },
    },
  });
  create({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { selector: web, ports: [{ name: "http", port: 80, targetPort: 80 }] } });
  create({
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "web", namespace: "default", annotations: { "nginx.ingress.kubernetes.io/rewrite-target": "/" } },
    spec: {
      ingressClassName: "nginx",
      tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }],
      rules: [
        {
          host: "shop.example.com",
          http: {
            paths: [
              { path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } },
              { path: "/api", pathType: "Exact", backend: { service: { name: "api", port: { name: "http" } } } },
            ],
          },
        },
      ],
    },
  });
  create({
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name: "pv-data" },
    spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], persistentVolumeReclaimPolicy: "Retain", storageClassName: "manual", hostPath: { path: "/mnt/data" } },
  });
  create({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "data", namespace: "default" },
    spec: { accessModes: ["ReadWriteOnce"], storageClassName: "manual", resources: { requests: { storage: "500Mi" } } },
  });
  create({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "waiting", namespace: "default" },
    spec: { accessModes: ["ReadWriteMany"], storageClassName: "none", resources: { requests: { storage: "2Gi" } } },
  });
  create({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "user", namespace: "default" },
    spec: { volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data" } }], containers: [{ name: "app", image: "busybox:1.36", command: ["sleep", "3600"], volumeMounts: [{ name: "d", mountPath: "/data" }] }] },
  });
  create({
    apiVersion: `${RBAC}/v1`,
    kind: "Role",
    metadata: { name: "reader", namespace: "default" },
    rules: [
      { apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] },
      { apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["web"], verbs: ["get"] },
    ],
  });
  create({
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRole",
    metadata: { name: "node-reader" },
    rules: [
      { apiGroups: [""], resources: ["nodes"], verbs: ["get", "list"] },
      { nonResourceURLs: ["/healthz", "/version"], verbs: ["get"] },
    ],
  });
  create({
    apiVersion: `${RBAC}/v1`,
    kind: "RoleBinding",
    metadata: { name: "read-pods", namespace: "default" },
    subjects: [
      { kind: "User", name: "jane", apiGroup: RBAC },
      { kind: "ServiceAccount", name: "default", namespace: "default" },
    ],
    roleRef: { kind: "Role", name: "reader", apiGroup: RBAC },
  });
  create({
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRoleBinding",
    metadata: { name: "ops-nodes" },
    subjects: [{ kind: "Group", name: "ops", apiGroup: RBAC }],
    roleRef: { kind: "ClusterRole", name: "node-reader", apiGroup: RBAC },
  });
  create({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "db-access", namespace: "default" },
    spec: {
      podSelector: { matchLabels: { app: "db" } },
      policyTypes: ["Ingress", "Egress"],
      ingress: [
        { from: [{ podSelector: { matchLabels: web } }, { namespaceSelector: { matchLabels: { team: "ops" } }, podSelector: { matchLabels: { role: "admin" } } }], ports: [{ protocol: "TCP", port: 5432 }] },
        { from: [{ ipBlock: { cidr: "10.0.0.0/16", except: ["10.0.1.0/24"] } }] },
      ],
      egress: [{ to: [{ namespaceSelector: {} }], ports: [{ protocol: "UDP", port: 53 }, { port: 8000, endPort: 8080 }] }],
    },
  });
  create({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "deny-all", namespace: "default" }, spec: { podSelector: {}, policyTypes: ["Ingress"] } });
  create({
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "once", namespace: "default" },
    spec: { backoffLimit: 2, template: { spec: { restartPolicy: "Never", containers: [{ name: "once", image: "busybox:1.36", command: ["sh", "-c", "echo done"] }] } } },
  });
  create({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "nightly", namespace: "default" },
    spec: { schedule: "0 2 * * *", jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "backup", image: "busybox:1.36", args: ["echo", "backup"] }] } } } } },
  });
  const agent = { app: "agent" };
  create({
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "agent", namespace: "default" },
    spec: { selector: { matchLabels: agent }, template: { metadata: { labels: agent }, spec: { tolerations: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" }], containers: [{ name: "agent", image: "busybox:1.36", command: ["sleep", "infinity"] }] } } },
  });
  const db = { app: "db" };
  create({
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "db", namespace: "default" },
    spec: {
      serviceName: "db",
      replicas: 2,
      selector: { matchLabels: db },
      template: { metadata: { labels: db }, spec: { containers: [{ name: "db", image: "redis:7", env: [{ name: "MODE", value: "replica" }] }] } },
      volumeClaimTemplates: [{ metadata: { name: "state" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
    },
  });
  create({
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web", namespace: "default" },
    spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 2, maxReplicas: 5, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 60 } } }] },
  });
  create({ apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "small", namespace: "default" }, spec: { hard: { pods: "20", "requests.cpu": "2" } } });
  create({ apiVersion: "v1", kind: "LimitRange", metadata: { name: "limits", namespace: "default" }, spec: { limits: [{ type: "Container", default: { cpu: "500m" }, defaultRequest: { cpu: "100m" }, max: { cpu: "1" } }] } });
  create({ apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "fast" }, provisioner: "kubernetes.io/no-provisioner", volumeBindingMode: "WaitForFirstConsumer" });
}

const ages = (line: string) => ({ line, ages: true as const });

export const DESCRIBE_SCENARIOS: Scenario[] = [
  {
    name: "describe",
    setup: seedDescribe,
    lines: [
      { advance: 30_000 },
      ages("describe node node01"),
      ages("describe node controlplane"),
      ages("describe nodes"),
      ages("describe no node02 --show-events=false"),
      ages("describe deploy web"),
      ages("describe rs"),
      ages("describe pods -l app=web"),
      ages("describe svc web"),
      ages("describe endpoints web"),
      ages("describe ep kubernetes"),
      ages("describe endpointslices -l kubernetes.io/service-name=web"),
      ages("describe ingress web"),
      ages("describe pv pv-data"),
      ages("describe pvc data"),
      ages("describe pvc waiting"),
      ages("describe pvc"),
      "describe role reader",
      "describe clusterrole node-reader",
      "describe clusterrole view",
      "describe rolebinding read-pods",
      "describe clusterrolebinding ops-nodes",
      "describe clusterrolebinding cluster-admin",
      "describe netpol db-access",
      "describe networkpolicy deny-all",
      ages("describe job once"),
      ages("describe cronjob nightly"),
      ages("describe ds agent"),
      ages("describe sts db"),
      ages("describe hpa web"),
      ages("describe quota small"),
      ages("describe limitrange limits"),
      ages("describe sc fast"),
      ages("describe priorityclass system-node-critical"),
      ages("describe pod user"),
      ages("describe ds -n kube-system"),
      ages("describe deploy -n kube-system coredns"),
      "describe ns default",
      ages("describe lease -n kube-node-lease node01"),
      ages("describe events -n default --show-events=false"),
      "describe role nope",
      "describe netpol",
    ],
  },
];
