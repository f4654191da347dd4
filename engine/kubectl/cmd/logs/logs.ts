import type { KubeObject } from "../../../api/types";
import { registerCommand } from "../../cli/command";
import { StatusError, usageError } from "../../cli/errors";
import { resourcePath } from "../../client/discovery";
import { check } from "../../client/rest";

/**
 * `kubectl logs`: the pod's log subresource (served by the kubelet's plugin), with -c, --previous,
 * --tail, --since, --timestamps, --prefix, --all-containers and -f (streams until interrupted).
 */
/** kubectl logs rewords the resource builder's NotFound (logs.go Complete), naming the namespace. */
function fetched(namespace: string, read: () => unknown): unknown {
  try {
    return read();
  } catch (e) {
    if (e instanceof StatusError && e.status.code === 404) throw new Error(`error from server (NotFound): ${e.message} in namespace "${namespace}"`);
    throw e;
  }
}

registerCommand("logs", async (c) => {
  if (c.args.length === 0 && !c.flags.string("selector")) {
    throw usageError(c.commandPath, "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command");
  }
  const ns = c.factory.namespace().namespace;
  const rest = c.factory.rest();
  const pods = c.factory.discovery().resolve("pods");
  let podName = c.args[0];
  let podFromOwner = false;
  let container = c.flags.string("container") || c.args[1] || "";
  if (podName.includes("/")) {
    const [type, name] = podName.split("/");
    const mapping = c.factory.discovery().resolve(type);
    if (mapping.resource !== "pods") {
      const owner = fetched(ns, () => check(rest.request({ method: "GET", path: resourcePath(mapping, ns, name) }))) as KubeObject & { spec?: { selector?: { matchLabels?: Record<string, string> } } };
      const selector = Object.entries(owner.spec?.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(",");
      const list = check(rest.request({ method: "GET", path: resourcePath(pods, ns), query: { labelSelector: selector } })) as { items: KubeObject[] };
      if (list.items.length === 0) throw new Error(`timed out waiting for the condition`);
      podName = list.items[0].metadata.name!;
      podFromOwner = true;
    } else podName = name;
  }
  const get = () => check(rest.request({ method: "GET", path: resourcePath(pods, ns, podName) }));
  // A pod named on the command line is read by kubectl's resource builder; one found through its owner is not.
  const pod = (podFromOwner ? get() : fetched(ns, get)) as KubeObject & { spec: { containers: { name: string }[] } };
  const containers = c.flags.bool("all-containers") ? pod.spec.containers.map((x) => x.name) : [container || (pod.spec.containers.length === 1 ? pod.spec.containers[0].name : "")];
  if (!containers[0]) {
    const names = pod.spec.containers.map((x) => x.name);
    c.err(`Defaulted container "${names[0]}" out of: ${names.join(", ")}\n`);
    containers[0] = names[0];
    container = names[0];
  }
  for (const name of containers) {
    const query: Record<string, string | undefined> = {
      container: name,
      follow: c.flags.bool("follow") ? "true" : undefined,
      previous: c.flags.bool("previous") ? "true" : undefined,
      tailLines: c.flags.int("tail") >= 0 ? String(c.flags.int("tail")) : undefined,
      sinceSeconds: c.flags.duration("since") > 0 ? String(Math.ceil(c.flags.duration("since") / 1000)) : undefined,
      timestamps: c.flags.bool("timestamps") ? "true" : undefined,
      limitBytes: c.flags.int("limit-bytes") > 0 ? String(c.flags.int("limit-bytes")) : undefined,
    };
    const response = rest.request({ method: "GET", path: resourcePath(pods, ns, podName, "log"), query });
    if (response.status >= 400) throw new StatusError(response.body as StatusError["status"]);
    const prefix = c.flags.bool("prefix") ? `[pod/${podName}/${name}] ` : "";
    const emit = (text: string) => c.out(prefix ? text.replace(/^(?=.)/gm, prefix) : text);
    if (response.textStream) {
      const stream = response.textStream;
      const following = new AbortController();
      await new Promise<void>((resolve) => {
        stream.onData(emit);
        stream.onEnd(resolve);
        c.ctx.signal.addEventListener("abort", () => {
          stream.close();
          resolve();
        }, { once: true });
        // Time passes while the log is followed (a script's virtual clock stands still otherwise).
        if (query.follow) void c.ctx.sleep(Number.POSITIVE_INFINITY, following.signal);
      });
      following.abort();
    } else if (typeof response.body === "string") emit(response.body);
  }
  return 0;
});
