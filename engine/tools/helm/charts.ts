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

export const REPOSITORIES: Repository[] = [
  {
    name: "bitnami",
    url: "https://charts.bitnami.com/bitnami",
    charts: [
      webChart({ name: "nginx", version: "18.2.4", appVersion: "1.27.2", description: "NGINX Open Source is a web server that can be also used as a reverse proxy, load balancer, and HTTP cache.", image: "bitnami/nginx", tag: "1.27.2-debian-12-r2", port: 8080 }),
      webChart({ name: "apache", version: "11.2.20", appVersion: "2.4.62", description: "Apache HTTP Server is an open-source HTTP server.", image: "bitnami/apache", tag: "2.4.62-debian-12-r8", port: 8080 }),
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
