/**
 * The charts Kubecoach ships offline, as data: their repositories, metadata, default values and a
 * render function standing in for the chart's templates (what `helm template` would produce from
 * the same values). Objects carry the labels Helm charts conventionally set.
 */
export type Values = Record<string, unknown>;

export interface Chart {
  name: string;
  version: string;
  appVersion: string;
  description: string;
  defaults: Values;
  /** [template file, object] pairs for a release. */
  render(release: { name: string; namespace: string }, values: Values): [string, Record<string, unknown>][];
  notes(release: { name: string; namespace: string }, values: Values): string;
}

export interface Repository {
  name: string;
  url: string;
  charts: Chart[];
}

function get(values: Values, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Values)[k] : undefined), values);
}

function labels(chart: Chart, release: string): Record<string, string> {
  return {
    "app.kubernetes.io/instance": release,
    "app.kubernetes.io/managed-by": "Helm",
    "app.kubernetes.io/name": chart.name,
    "app.kubernetes.io/version": chart.appVersion,
    "helm.sh/chart": `${chart.name}-${chart.version}`,
  };
}

function fullname(release: string, chart: string): string {
  return release.includes(chart) ? release : `${release}-${chart}`;
}

function webChart(spec: { name: string; version: string; appVersion: string; description: string; image: string; tag: string; port: number; registry?: string }): Chart {
  const chart: Chart = {
    name: spec.name,
    version: spec.version,
    appVersion: spec.appVersion,
    description: spec.description,
    defaults: {
      replicaCount: 1,
      image: { registry: spec.registry ?? "docker.io", repository: spec.image, tag: spec.tag, pullPolicy: "IfNotPresent" },
      containerPorts: { http: spec.port },
      service: { type: "LoadBalancer", ports: { http: 80 } },
      resources: {},
      podLabels: {},
    },
    render(release, values) {
      const name = fullname(release.name, spec.name);
      const l = labels(chart, release.name);
      const selector = { "app.kubernetes.io/instance": release.name, "app.kubernetes.io/name": spec.name };
      const image = `${get(values, "image.registry")}/${get(values, "image.repository")}:${get(values, "image.tag")}`;
      const port = Number(get(values, "containerPorts.http") ?? spec.port);
      return [
        [`${spec.name}/templates/svc.yaml`, {
          apiVersion: "v1",
          kind: "Service",
          metadata: { name, namespace: release.namespace, labels: l },
          spec: { type: get(values, "service.type"), ports: [{ name: "http", port: Number(get(values, "service.ports.http") ?? 80), targetPort: "http" }], selector },
        }],
        [`${spec.name}/templates/deployment.yaml`, {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name, namespace: release.namespace, labels: l },
          spec: {
            replicas: Number(get(values, "replicaCount") ?? 1),
            selector: { matchLabels: selector },
            template: {
              metadata: { labels: { ...l, ...((get(values, "podLabels") as Record<string, string>) ?? {}) } },
              spec: {
                containers: [{ name: spec.name, image, imagePullPolicy: get(values, "image.pullPolicy"), ports: [{ name: "http", containerPort: port }], resources: get(values, "resources") ?? {} }],
              },
            },
          },
        }],
      ];
    },
    notes(release, values) {
      const name = fullname(release.name, spec.name);
      return `CHART NAME: ${spec.name}\nCHART VERSION: ${spec.version}\nAPP VERSION: ${spec.appVersion}\n\n** Please be patient while the chart is being deployed **\n\n${spec.name} can be accessed through the following DNS name from within your cluster:\n\n    ${name}.${release.namespace}.svc.cluster.local (port ${get(values, "service.ports.http") ?? 80})\n`;
    },
  };
  return chart;
}

/**
 * bitnami/redis: a master StatefulSet and, with `architecture: replication`, a replicas StatefulSet
 * of `replica.replicaCount`, each behind its own Service plus a headless one; the password lives
 * in a Secret when `auth.enabled`. Volumes come from volumeClaimTemplates, as the chart's do.
 */
function redisChart(): Chart {
  const chart: Chart = {
    name: "redis",
    version: "20.6.2",
    appVersion: "7.4.2",
    description: "Redis(R) is an open source, advanced key-value store. It is often referred to as a data structure server since keys can contain strings, hashes, lists, sets and sorted sets.",
    defaults: {
      architecture: "replication",
      auth: { enabled: true, password: "" },
      image: { registry: "docker.io", repository: "bitnami/redis", tag: "7.4.2-debian-12-r0", pullPolicy: "IfNotPresent" },
      master: { count: 1, persistence: { enabled: true, size: "8Gi" }, resources: {} },
      replica: { replicaCount: 3, persistence: { enabled: true, size: "8Gi" }, resources: {} },
    },
    render(release, values) {
      const name = fullname(release.name, "redis");
      const base = labels(chart, release.name);
      const selector = (component?: string) => ({ "app.kubernetes.io/instance": release.name, "app.kubernetes.io/name": "redis", ...(component ? { "app.kubernetes.io/component": component } : {}) });
      const replication = get(values, "architecture") === "replication";
      const auth = get(values, "auth.enabled") !== false;
      const image = `${get(values, "image.registry")}/${get(values, "image.repository")}:${get(values, "image.tag")}`;
      const service = (suffix: string, component: string | undefined, headless: boolean): [string, Record<string, unknown>] => [
        `redis/templates/${headless ? "headless-svc" : `${component}/service`}.yaml`,
        {
          apiVersion: "v1",
          kind: "Service",
          metadata: { name: `${name}-${suffix}`, namespace: release.namespace, labels: { ...base, ...(component ? { "app.kubernetes.io/component": component } : {}) } },
          spec: { type: "ClusterIP", ...(headless ? { clusterIP: "None" } : {}), ports: [{ name: "tcp-redis", port: 6379, targetPort: "redis" }], selector: selector(component) },
        },
      ];
      const statefulSet = (component: "master" | "replica", replicas: number): [string, Record<string, unknown>] => {
        const persistence = get(values, `${component}.persistence.enabled`) !== false;
        const env = [
          { name: "REDIS_REPLICATION_MODE", value: component === "master" ? "master" : "replica" },
          ...(component === "replica" ? [{ name: "REDIS_MASTER_HOST", value: `${name}-master-0.${name}-headless.${release.namespace}.svc.cluster.local` }, { name: "REDIS_MASTER_PORT_NUMBER", value: "6379" }] : []),
          { name: "ALLOW_EMPTY_PASSWORD", value: auth ? "no" : "yes" },
          ...(auth ? [{ name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name, key: "redis-password" } } }] : []),
        ];
        return [
          `redis/templates/${component}/${component === "master" ? "application" : "statefulset"}.yaml`,
          {
            apiVersion: "apps/v1",
            kind: "StatefulSet",
            metadata: { name: `${name}-${component === "master" ? "master" : "replicas"}`, namespace: release.namespace, labels: { ...base, "app.kubernetes.io/component": component } },
            spec: {
              replicas,
              serviceName: `${name}-headless`,
              selector: { matchLabels: selector(component) },
              template: {
                metadata: { labels: { ...base, "app.kubernetes.io/component": component } },
                spec: {
                  containers: [{ name: "redis", image, imagePullPolicy: get(values, "image.pullPolicy"), env, ports: [{ name: "redis", containerPort: 6379 }], resources: get(values, `${component}.resources`) ?? {}, volumeMounts: [{ name: "redis-data", mountPath: "/data" }] }],
                  ...(persistence ? {} : { volumes: [{ name: "redis-data", emptyDir: {} }] }),
                },
              },
              ...(persistence
                ? { volumeClaimTemplates: [{ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "redis-data", labels: selector(component) }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: String(get(values, `${component}.persistence.size`) ?? "8Gi") } } } }] }
                : {}),
            },
          },
        ];
      };
      const objects: [string, Record<string, unknown>][] = [];
      if (auth) {
        // Helm's randAlphaNum differs per render; a digest of the release keeps renders reproducible here.
        const password = String(get(values, "auth.password") || Buffer.from(`${release.namespace}/${release.name}`).toString("base64").replace(/[^A-Za-z0-9]/g, "").padEnd(10, "x").slice(0, 10));
        objects.push(["redis/templates/secret.yaml", { apiVersion: "v1", kind: "Secret", metadata: { name, namespace: release.namespace, labels: base }, type: "Opaque", data: { "redis-password": Buffer.from(password).toString("base64") } }]);
      }
      objects.push(service("headless", undefined, true), service("master", "master", false));
      if (replication) objects.push(service("replicas", "replica", false));
      objects.push(statefulSet("master", Number(get(values, "master.count") ?? 1)));
      if (replication) objects.push(statefulSet("replica", Number(get(values, "replica.replicaCount") ?? 3)));
      return objects;
    },
    notes(release, values) {
      const name = fullname(release.name, "redis");
      const replication = get(values, "architecture") === "replication";
      return `CHART NAME: redis\nCHART VERSION: ${chart.version}\nAPP VERSION: ${chart.appVersion}\n\n** Please be patient while the chart is being deployed **\n\nRedis&reg; can be accessed ${replication ? "on the following DNS names from within your cluster:\n\n    " + name + "-master." + release.namespace + ".svc.cluster.local for read/write operations (port 6379)\n    " + name + "-replicas." + release.namespace + ".svc.cluster.local for read-only operations (port 6379)" : "via port 6379 on the following DNS name from within your cluster:\n\n    " + name + "-master." + release.namespace + ".svc.cluster.local"}\n`;
    },
  };
  return chart;
}

export const REPOSITORIES: Repository[] = [
  {
    name: "bitnami",
    url: "https://charts.bitnami.com/bitnami",
    charts: [
      webChart({ name: "nginx", version: "18.2.4", appVersion: "1.27.2", description: "NGINX Open Source is a web server that can be also used as a reverse proxy, load balancer, and HTTP cache.", image: "bitnami/nginx", tag: "1.27.2-debian-12-r2", port: 8080 }),
      webChart({ name: "apache", version: "11.2.20", appVersion: "2.4.62", description: "Apache HTTP Server is an open-source HTTP server.", image: "bitnami/apache", tag: "2.4.62-debian-12-r8", port: 8080 }),
      redisChart(),
    ],
  },
  {
    name: "podinfo",
    url: "https://stefanprodan.github.io/podinfo",
    charts: [webChart({ name: "podinfo", version: "6.7.1", appVersion: "6.7.1", description: "Podinfo Helm chart for Kubernetes", image: "stefanprodan/podinfo", tag: "6.7.1", port: 9898, registry: "ghcr.io" })],
  },
];

export function repositoryByUrl(url: string): Repository | undefined {
  const clean = url.replace(/\/+$/, "");
  return REPOSITORIES.find((r) => r.url === clean);
}
