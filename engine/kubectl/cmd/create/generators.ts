import { createHash } from "node:crypto";
import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { ExitError, NoResourceMatchError, noMatchMessage, usageError } from "../../cli/errors";
import { check } from "../../client/rest";
import { resourcePath } from "../../client/discovery";
import { container, containerNameForImage, intOrString, labelSelector, meta, parsePairs, type Obj } from "./objects";
import { exactlyOneName } from "../options";
import { createFromGenerator, typedMapping } from "./submit";
import { configMapData, secretData } from "./data-sources";

/** The part of the arguments after `--` (a command for the container), if any. */
function commandAfterDash(c: CommandContext): string[] {
  return c.argsLenAtDash >= 0 ? c.args.slice(c.argsLenAtDash) : [];
}

/** Namespace written into generated objects: only when given explicitly (kubectl's EnforceNamespace). */
function explicitNamespace(c: CommandContext): string | undefined {
  const ns = c.factory.namespace();
  return ns.explicit ? ns.namespace : undefined;
}

registerCommand("create deployment", (c) => {
  const name = exactlyOneName(c);
  const images = c.flags.strings("image");
  if (images.length > 1 && commandAfterDash(c).length > 0) throw new Error("cannot specify multiple --image options and command");
  const labels = { app: name };
  const command = commandAfterDash(c);
  const port = c.flags.int("port");
  const containers = images.map((image) =>
    container(containerNameForImage(image), image, {
      ...(command.length ? { command } : {}),
      ...(port >= 0 ? { ports: [{ containerPort: port }] } : {}),
    }),
  );
  const obj: Obj = {
    kind: "Deployment",
    apiVersion: "apps/v1",
    metadata: meta(name, explicitNamespace(c), { labels }),
    spec: {
      replicas: c.flags.int("replicas"),
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
  return createFromGenerator(c, obj, "created", "failed to create deployment");
});

registerCommand("create namespace", (c) => {
  const name = exactlyOneName(c);
  return createFromGenerator(c, { kind: "Namespace", apiVersion: "v1", metadata: meta(name, undefined), spec: {}, status: {} });
});

registerCommand("create serviceaccount", (c) => {
  const name = exactlyOneName(c);
  return createFromGenerator(c, { kind: "ServiceAccount", apiVersion: "v1", metadata: meta(name, explicitNamespace(c)) });
});

registerCommand("create configmap", (c) => {
  const name = exactlyOneName(c);
  const { data, binaryData } = configMapData(c);
  const obj: Obj = { kind: "ConfigMap", apiVersion: "v1", metadata: meta(name, explicitNamespace(c)) };
  if (c.flags.bool("append-hash")) (obj.metadata as Obj).name = `${name}-${contentHash({ kind: "ConfigMap", name, data, binaryData })}`;
  if (Object.keys(data).length) obj.data = data;
  if (Object.keys(binaryData).length) obj.binaryData = binaryData;
  return createFromGenerator(c, obj);
});

registerCommand("create secret generic", (c) => {
  const name = exactlyOneName(c);
  const data = secretData(c);
  const obj: Obj = { kind: "Secret", apiVersion: "v1", metadata: meta(name, explicitNamespace(c)) };
  if (c.flags.bool("append-hash")) (obj.metadata as Obj).name = `${name}-${contentHash({ kind: "Secret", name, data })}`;
  if (Object.keys(data).length) obj.data = data;
  if (c.flags.string("type")) obj.type = c.flags.string("type");
  return createFromGenerator(c, obj);
});

registerCommand("create secret tls", (c) => {
  const name = exactlyOneName(c);
  const read = (flag: string) => {
    const path = c.flags.string(flag);
    const text = c.ctx.host.fs.readFileSync(path.startsWith("/") ? path : `${c.ctx.cwd}/${path}`);
    if (text === undefined) throw new Error(`open ${path}: no such file or directory`);
    return Buffer.from(text).toString("base64");
  };
  if (!c.flags.string("cert") || !c.flags.string("key")) throw new Error("key and cert must be specified");
  const obj: Obj = { kind: "Secret", apiVersion: "v1", metadata: meta(name, explicitNamespace(c)), data: { "tls.crt": read("cert"), "tls.key": read("key") }, type: "kubernetes.io/tls" };
  return createFromGenerator(c, obj);
});

registerCommand("create secret docker-registry", (c) => {
  const name = exactlyOneName(c);
  const data: Record<string, string> = {};
  if (c.flags.strings("from-file").length === 0) {
    const username = c.flags.string("docker-username");
    const password = c.flags.string("docker-password");
    if (!username || !password) throw usageError(c.commandPath, "either --from-file or the combination of --docker-username, --docker-password and --docker-server is required");
    const server = c.flags.string("docker-server");
    const email = c.flags.string("docker-email");
    const entry: Obj = { username, password, ...(email ? { email } : {}), auth: Buffer.from(`${username}:${password}`).toString("base64") };
    data[".dockerconfigjson"] = Buffer.from(JSON.stringify({ auths: { [server]: entry } })).toString("base64");
  } else Object.assign(data, secretData(c));
  return createFromGenerator(c, { kind: "Secret", apiVersion: "v1", metadata: meta(name, explicitNamespace(c)), data, type: "kubernetes.io/dockerconfigjson" });
});

function servicePorts(c: CommandContext, type: string): Obj[] {
  const ports: Obj[] = [];
  for (const spec of c.flags.strings("tcp")) {
    const [portText, targetText] = spec.split(":");
    const port = Number(portText);
    if (!/^\d+$/.test(portText)) throw new Error(`strconv.Atoi: parsing "${portText}": invalid syntax`);
    const target = targetText === undefined ? port : intOrString(targetText);
    const entry: Obj = { name: targetText === undefined ? portText : `${portText}-${targetText}`, protocol: "TCP", port, targetPort: target };
    if (type === "NodePort" && c.flags.int("node-port") > 0) entry.nodePort = c.flags.int("node-port");
    ports.push(entry);
  }
  return ports.map((p) => ({ name: p.name, protocol: p.protocol, port: p.port, targetPort: p.targetPort, ...(p.nodePort ? { nodePort: p.nodePort } : {}) }));
}

function serviceGenerator(type: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName") {
  return (c: CommandContext) => {
    const name = exactlyOneName(c);
    const labels = { app: name };
    const spec: Obj = {};
    const ports = servicePorts(c, type);
    if (ports.length) spec.ports = ports;
    spec.selector = labels;
    if (type === "ClusterIP" && c.flags.string("clusterip")) spec.clusterIP = c.flags.string("clusterip");
    spec.type = type;
    if (type === "ExternalName") spec.externalName = c.flags.string("external-name");
    return createFromGenerator(c, { kind: "Service", apiVersion: "v1", metadata: meta(name, explicitNamespace(c), { labels }), spec, status: { loadBalancer: {} } });
  };
}
registerCommand("create service clusterip", serviceGenerator("ClusterIP"));
registerCommand("create service nodeport", serviceGenerator("NodePort"));
registerCommand("create service loadbalancer", serviceGenerator("LoadBalancer"));
registerCommand("create service externalname", serviceGenerator("ExternalName"));

function jobSpecFor(name: string, image: string, command: string[], restartPolicy: string): Obj {
  return {
    template: {
      metadata: { creationTimestamp: null },
      spec: { containers: [container(name, image, command.length ? { command } : {})], restartPolicy },
    },
  };
}

registerCommand("create job", (c) => {
  const name = exactlyOneName(c);
  const from = c.flags.string("from");
  const image = c.flags.string("image");
  if (!from && !image) throw usageError(c.commandPath, "either --image or --from must be specified");
  if (from && image) throw usageError(c.commandPath, "either --image or --from must be specified");
  if (from) return createFromGenerator(c, jobFromCronJob(c, name, from));
  return createFromGenerator(c, { kind: "Job", apiVersion: "batch/v1", metadata: meta(name, explicitNamespace(c)), spec: jobSpecFor(name, image, commandAfterDash(c), "Never"), status: {} });
});

function jobFromCronJob(c: CommandContext, name: string, from: string): Obj {
  const [kind, cronName] = from.split("/");
  if (!cronName || !["cronjob", "cronjobs", "cj", "cronjob.batch", "cronjobs.batch"].includes(kind.toLowerCase())) {
    throw new Error(`from must be an existing cronjob: unknown object type ${kind}`);
  }
  const mapping = typedMapping("batch/v1", "CronJob")!;
  const ns = c.factory.namespace().namespace;
  const cron = check(c.factory.rest().request({ method: "GET", path: resourcePath(mapping, ns, cronName) })) as KubeObject & { spec: { jobTemplate: { metadata?: Obj; spec: Obj } } };
  const template = cron.spec.jobTemplate;
  const templateMeta = (template.metadata ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
  return {
    kind: "Job",
    apiVersion: "batch/v1",
    metadata: {
      name,
      namespace: ns,
      creationTimestamp: null,
      ...(templateMeta.labels ? { labels: templateMeta.labels } : {}),
      annotations: { "cronjob.kubernetes.io/instantiate": "manual", ...(templateMeta.annotations ?? {}) },
      ownerReferences: [{ apiVersion: "batch/v1", kind: "CronJob", name: cron.metadata.name, uid: cron.metadata.uid, controller: true }],
    },
    spec: template.spec,
    status: {},
  };
}

registerCommand("create cronjob", (c) => {
  const name = exactlyOneName(c);
  const restart = c.flags.string("restart") || "OnFailure";
  const obj: Obj = {
    kind: "CronJob",
    apiVersion: "batch/v1",
    metadata: meta(name, explicitNamespace(c)),
    spec: {
      schedule: c.flags.string("schedule"),
      jobTemplate: { metadata: { name, creationTimestamp: null }, spec: jobSpecFor(name, c.flags.string("image"), commandAfterDash(c), restart) },
    },
    status: {},
  };
  return createFromGenerator(c, obj);
});

const VALID_VERBS = ["*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy", "deletecollection", "use", "bind", "escalate", "impersonate"];

function policyRules(c: CommandContext, allowNonResource: boolean): Obj[] {
  const verbs = c.flags.strings("verb");
  const resources = c.flags.strings("resource");
  const names = c.flags.strings("resource-name");
  const nonResource = allowNonResource ? c.flags.strings("non-resource-url") : [];
  if (verbs.length === 0) throw new Error("at least one verb must be specified");
  // Since kubectl 1.26 a verb outside the standard resource verbs only earns a warning (custom
  // verbs are legal in RBAC); a Role warns before checking its resources, a ClusterRole after.
  const warnVerbs = () => {
    for (const v of verbs) if (!VALID_VERBS.includes(v)) c.err(`Warning: '${v}' is not a standard resource verb\n`);
  };
  if (!allowNonResource) warnVerbs();
  if (resources.length === 0 && nonResource.length === 0) throw new Error("at least one resource must be specified");
  if (allowNonResource && resources.length > 0) warnVerbs();
  const groups = new Map<string, string[]>();
  for (const r of resources) {
    const [resourcePart, sub] = r.split("/");
    let group = "";
    let plural = resourcePart;
    if (resourcePart !== "*") {
      const mapping = c.factory.discovery().tryResolve(resourcePart);
      if (!mapping) {
        // validateResource returns the RESTMapper's own error, which checkErr prints without "error: ".
        const [resource, ...group] = resourcePart.split(".");
        throw new ExitError(noMatchMessage(new NoResourceMatchError(resource, group.join("."))), 1);
      }
      group = mapping.group;
      plural = mapping.resource;
      if (sub && !mapping.subresources.includes(sub)) throw new Error(`resource "${r}" not found`);
    } else if (resourcePart.includes(".")) group = resourcePart.split(".").slice(1).join(".");
    const list = groups.get(group) ?? [];
    const full = sub ? `${plural}/${sub}` : plural;
    if (!list.includes(full)) list.push(full);
    groups.set(group, list);
  }
  const rules: Obj[] = [];
  for (const [group, list] of groups) {
    rules.push({ verbs, apiGroups: [group], resources: list, ...(names.length ? { resourceNames: names } : {}) });
  }
  if (nonResource.length) rules.push({ verbs, nonResourceURLs: nonResource });
  return rules;
}

registerCommand("create role", (c) => {
  const name = exactlyOneName(c);
  return createFromGenerator(c, { kind: "Role", apiVersion: "rbac.authorization.k8s.io/v1", metadata: meta(name, explicitNamespace(c)), rules: policyRules(c, false) });
});

registerCommand("create clusterrole", (c) => {
  const name = exactlyOneName(c);
  const aggregation = c.flags.map("aggregation-rule");
  if (Object.keys(aggregation).length > 0) {
    if (c.flags.strings("verb").length || c.flags.strings("resource").length || c.flags.strings("non-resource-url").length) {
      throw new Error("aggregation rule must not be specified with --verb, --resource or --non-resource-url");
    }
    return createFromGenerator(c, {
      kind: "ClusterRole",
      apiVersion: "rbac.authorization.k8s.io/v1",
      metadata: meta(name, undefined),
      rules: null,
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregation }] },
    });
  }
  return createFromGenerator(c, { kind: "ClusterRole", apiVersion: "rbac.authorization.k8s.io/v1", metadata: meta(name, undefined), rules: policyRules(c, true) });
});

function subjects(c: CommandContext): Obj[] {
  const out: Obj[] = [];
  for (const user of c.flags.strings("user")) out.push({ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: user });
  for (const group of c.flags.strings("group")) out.push({ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: group });
  for (const sa of c.flags.strings("serviceaccount")) {
    const parts = sa.split(":");
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(`serviceaccount must be <namespace>:<name>`);
    out.push({ kind: "ServiceAccount", namespace: parts[0], name: parts[1] });
  }
  return out;
}

registerCommand("create rolebinding", (c) => {
  const name = exactlyOneName(c);
  const role = c.flags.string("role");
  const clusterRole = c.flags.string("clusterrole");
  if ((role && clusterRole) || (!role && !clusterRole)) throw new Error("exactly one of clusterrole or role must be specified");
  const obj: Obj = {
    kind: "RoleBinding",
    apiVersion: "rbac.authorization.k8s.io/v1",
    metadata: meta(name, explicitNamespace(c)),
    subjects: subjects(c),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: role ? "Role" : "ClusterRole", name: role || clusterRole },
  };
  return createFromGenerator(c, obj);
});

registerCommand("create clusterrolebinding", (c) => {
  const name = exactlyOneName(c);
  return createFromGenerator(c, {
    kind: "ClusterRoleBinding",
    apiVersion: "rbac.authorization.k8s.io/v1",
    metadata: meta(name, undefined),
    subjects: subjects(c),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: c.flags.string("clusterrole") },
  });
});

function backend(spec: string): Obj {
  const [svc, port] = spec.split(":");
  if (!svc || port === undefined) throw new Error(`backend must be specified as <svcname>:<svcport>`);
  return { service: { name: svc, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

registerCommand("create ingress", (c) => {
  const name = exactlyOneName(c);
  const rules: Obj[] = [];
  const tls: Obj[] = [];
  for (const rule of c.flags.strings("rule")) {
    const m = /^([^/=,]*)(\/[^=,]*)?=([^,]+)(?:,tls(?:=(.*))?)?$/.exec(rule);
    if (!m) throw new Error(`rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
    const [, host, rawPath, svc, secret] = m;
    let path = rawPath ?? "/";
    let pathType = "Exact";
    if (path.endsWith("*")) {
      path = path.slice(0, -1);
      pathType = "Prefix";
    }
    const httpPath = { path, pathType, backend: backend(svc) };
    const existing = rules.find((r) => (r.host ?? "") === host);
    if (existing) ((existing.http as Obj).paths as Obj[]).push(httpPath);
    else rules.push({ ...(host ? { host } : {}), http: { paths: [httpPath] } });
    if (rule.includes(",tls")) {
      const entry = tls.find((t) => (t.secretName ?? "") === (secret ?? ""));
      if (entry && host) (entry.hosts as string[]).push(host);
      else if (!entry) tls.push({ ...(host ? { hosts: [host] } : {}), ...(secret ? { secretName: secret } : {}) });
    }
  }
  const spec: Obj = {};
  if (c.flags.string("class")) spec.ingressClassName = c.flags.string("class");
  if (c.flags.string("default-backend")) spec.defaultBackend = backend(c.flags.string("default-backend"));
  if (tls.length) spec.tls = tls;
  if (rules.length) spec.rules = rules;
  const annotations = parsePairs(c.flags.strings("annotation"), "annotation");
  const obj: Obj = {
    kind: "Ingress",
    apiVersion: "networking.k8s.io/v1",
    metadata: meta(name, explicitNamespace(c), Object.keys(annotations).length ? { annotations } : {}),
    spec,
    status: { loadBalancer: {} },
  };
  return createFromGenerator(c, obj);
});

registerCommand("create quota", (c) => {
  const name = exactlyOneName(c);
  const hard = parsePairs(c.flags.string("hard") ? [c.flags.string("hard")] : [], "resource quota");
  const scopes = c.flags.string("scopes") ? c.flags.string("scopes").split(",") : [];
  const spec: Obj = { ...(Object.keys(hard).length ? { hard } : {}), ...(scopes.length ? { scopes } : {}) };
  return createFromGenerator(c, { kind: "ResourceQuota", apiVersion: "v1", metadata: meta(name, explicitNamespace(c)), spec, status: {} });
});

registerCommand("create priorityclass", (c) => {
  const name = exactlyOneName(c);
  const obj: Obj = { kind: "PriorityClass", apiVersion: "scheduling.k8s.io/v1", metadata: meta(name, undefined), value: c.flags.int("value") };
  if (c.flags.bool("global-default")) obj.globalDefault = true;
  if (c.flags.string("description")) obj.description = c.flags.string("description");
  obj.preemptionPolicy = c.flags.string("preemption-policy") || "PreemptLowerPriority";
  return createFromGenerator(c, obj);
});

registerCommand("create poddisruptionbudget", (c) => {
  const name = exactlyOneName(c);
  const min = c.flags.string("min-available");
  const max = c.flags.string("max-unavailable");
  if (min && max) throw new Error("min-available and max-unavailable cannot be both specified");
  if (!min && !max) throw new Error("one of min-available or max-unavailable must be specified");
  if (!c.flags.string("selector")) throw new Error("a selector must be specified");
  const spec: Obj = {};
  if (min) spec.minAvailable = intOrString(min);
  spec.selector = labelSelector(c.flags.string("selector"));
  if (max) spec.maxUnavailable = intOrString(max);
  return createFromGenerator(c, {
    kind: "PodDisruptionBudget",
    apiVersion: "policy/v1",
    metadata: meta(name, explicitNamespace(c)),
    spec,
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  });
});

/** kustomize-style content hash used by --append-hash (first 10 runes of an encoded sha256). */
function contentHash(value: unknown): string {
  const hex = createHash("sha256").update(JSON.stringify(value)).digest("hex");
  const alphabet = "bcdfghkmt";
  return [...hex.slice(0, 10)].map((ch) => alphabet[parseInt(ch, 16) % alphabet.length] ?? ch).join("");
}

export { contentHash };
