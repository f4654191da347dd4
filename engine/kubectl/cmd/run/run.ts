import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { usageError } from "../../cli/errors";
import { container, meta, parsePairs, type Obj } from "../create/objects";
import { dryRunStrategy, fieldValidation, printerFor, successLine, withLastApplied } from "../options";
import { toYaml } from "../../printers/yaml";
import { attachToRun } from "./attach-run";
import { applyOverrides } from "./overrides";

/** `kubectl run`: one Pod (and with --expose a Service), built like kubectl's run generator. */
function podFor(c: CommandContext, name: string): Obj {
  const image = c.flags.string("image");
  const rest = c.argsLenAtDash >= 0 ? c.args.slice(c.argsLenAtDash) : c.args.slice(1);
  const labels = c.flags.string("labels") ? parsePairs([c.flags.string("labels")], "label spec") : { run: name };
  const annotations = parsePairs(c.flags.strings("annotations"), "annotation");
  const envs = c.flags.strings("env").map((e) => {
    const eq = e.indexOf("=");
    if (eq <= 0) throw new Error(`invalid env: ${e}`);
    return { name: e.slice(0, eq), value: e.slice(eq + 1) };
  });
  const port = c.flags.string("port");
  const stdin = c.flags.bool("stdin");
  const extra: Obj = {
    ...(rest.length ? (c.flags.bool("command") ? { command: rest } : { args: rest }) : {}),
    ...(port ? { ports: [{ containerPort: Number(port) }] } : {}),
    ...(envs.length ? { env: envs } : {}),
    ...(c.flags.string("image-pull-policy") ? { imagePullPolicy: c.flags.string("image-pull-policy") } : {}),
    ...(stdin ? { stdin: true, stdinOnce: !c.flags.bool("leave-stdin-open") } : {}),
    ...(c.flags.bool("tty") ? { tty: true } : {}),
  };
  const ns = c.factory.namespace();
  const spec: Obj = {
    containers: [container(name, image, extra)],
    restartPolicy: c.flags.string("restart") || "Always",
    dnsPolicy: "ClusterFirst",
  };
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: meta(name, ns.explicit ? ns.namespace : undefined, { labels, ...(Object.keys(annotations).length ? { annotations } : {}) }),
    spec,
    status: {},
  };
}

function serviceFor(c: CommandContext, name: string, pod: Obj): Obj {
  const port = Number(c.flags.string("port"));
  const labels = (pod.metadata as { labels: Record<string, string> }).labels;
  const ns = c.factory.namespace();
  return {
    kind: "Service",
    apiVersion: "v1",
    metadata: meta(name, ns.explicit ? ns.namespace : undefined),
    spec: { ports: [{ protocol: "TCP", port, targetPort: port }], selector: labels },
    status: { loadBalancer: {} },
  };
}

function submit(c: CommandContext, obj: Obj, dryRun: ReturnType<typeof dryRunStrategy>): KubeObject {
  let o = obj as KubeObject;
  if (c.flags.bool("save-config")) o = withLastApplied(o);
  if (dryRun === "client") return o;
  const mapping = c.factory.discovery().forKind(o.apiVersion, o.kind)!;
  return c.factory.rest().create(mapping, c.factory.namespace().namespace, o, {
    dryRun: dryRun === "server",
    fieldManager: c.flags.string("field-manager") || "kubectl-run",
    fieldValidation: fieldValidation(c),
  });
}

registerCommand("run", (c) => {
  const argsBeforeDash = c.argsLenAtDash >= 0 ? c.args.slice(0, c.argsLenAtDash) : c.args;
  if (argsBeforeDash.length < 1) throw usageError(c.commandPath, "NAME is required for run");
  const name = argsBeforeDash[0];
  const dryRun = dryRunStrategy(c);
  const printer = printerFor(c, { keepOrder: dryRun === "client", typed: dryRun !== "client" });
  if (c.flags.bool("rm") && !c.flags.bool("stdin") && !c.flags.bool("attach")) throw new Error("--rm should only be used for attached containers");
  if (c.flags.bool("expose") && !c.flags.string("port")) throw new Error("--port must be set when exposing a service");
  const attach = (c.flags.bool("stdin") || c.flags.bool("attach")) && dryRun === "none";
  c.factory.discovery().all();
  const pod = applyOverrides(c, podFor(c, name) as KubeObject) as Obj;
  // kubectl creates the Pod first (a refused Pod leaves no Service behind), then the Service, which
  // it prints at once; the Pod is printed last, and a failed Service is reported after it.
  const created = submit(c, pod, dryRun);
  let serviceError: unknown;
  if (c.flags.bool("expose")) {
    try {
      // kubectl overrides the Service it generates with the same fragment; fields a Service lacks drop out.
      const service = submit(c, applyOverrides(c, serviceFor(c, name, pod) as KubeObject) as Obj, dryRun);
      if (printer) c.out(printer.print(service) + (c.flags.string("output") === "yaml" ? "---\n" : ""));
      else c.out(successLine(service, service.metadata.name ?? name, "created", dryRun));
    } catch (e) {
      serviceError = e;
    }
  }
  if (attach) return attachToRun(c, created);
  // The YAML printer separates the documents it prints with its own "---".
  if (printer) c.out(printer.print(created));
  else c.out(successLine(created, created.metadata.name ?? name, "created", dryRun));
  if (serviceError) throw serviceError;
  return 0;
});

export { toYaml };
