import type { NetworkOrigin } from "../../network/types";
import { clusterOf, hostOf, type GradingContext } from "../context";
import type { CheckOf } from "../schema";
import { FeatureUnavailableError } from "../unavailable";
import { fail, pass, type CheckOutcome } from "./outcome";

/** `reachable`: the network model says whether traffic from a pod or host gets to a target. */
export function reachableCheck(check: CheckOf<"reachable">, ctx: GradingContext): CheckOutcome {
  const network = ctx.env.network;
  if (!network) throw new FeatureUnavailableError("the network model (reachability between pods, nodes and the workstation)");
  let origin: NetworkOrigin;
  let fromText: string;
  if ("pod" in check.from) {
    const [namespace, pod] = check.from.pod.split("/");
    const cluster = clusterOf(ctx, check.cluster);
    if (!cluster.admin.get("", "pods", namespace, pod)) return fail(`pod "${pod}" in namespace "${namespace}" was not found, so nothing can be sent from it`);
    origin = { type: "pod", cluster: cluster.name, namespace, pod, ...(check.from.container ? { container: check.from.container } : {}) };
    fromText = `pod ${check.from.pod}`;
  } else {
    hostOf(ctx, check.from.host);
    origin = { type: "host", host: check.from.host };
    fromText = check.from.host;
  }
  let reached: boolean;
  let detail: string | undefined;
  let target: string;
  if ("url" in check.to) {
    target = check.to.url;
    const outcome = network.http(origin, check.to.url, { method: "GET", headers: {} });
    reached = outcome.ok;
    detail = outcome.ok ? `it answered ${outcome.response.status}` : `${outcome.error}${outcome.detail ? ` (${outcome.detail})` : ""}`;
  } else if ("dns" in check.to) {
    target = `the name ${check.to.dns}`;
    const outcome = network.resolve(origin, check.to.dns);
    reached = outcome.ok;
    detail = outcome.ok ? `it resolves to ${outcome.addresses.join(", ")}` : outcome.error;
  } else {
    target = `${check.to.address}:${check.to.port}`;
    // A name is looked up first from the same place, as nc or a client library would.
    let address: string | undefined = check.to.address;
    if (!/^[0-9.]+$/.test(address) && !address.includes(":")) {
      const resolved = network.resolve(origin, address);
      address = resolved.ok ? resolved.addresses[0] : undefined;
      detail = resolved.ok ? "" : `could not resolve ${check.to.address} (${resolved.error})`;
    }
    if (address === undefined) {
      reached = false;
      detail ??= "";
    } else {
      const outcome = network.connect(origin, address, check.to.port, check.to.protocol);
      reached = outcome.ok;
      detail = outcome.ok ? "the connection was accepted" : `${outcome.error}${outcome.detail ? ` (${outcome.detail})` : ""}`;
    }
  }
  if (check.expect === "allowed") return reached ? pass : fail(`${fromText} cannot reach ${target}: ${detail}`);
  return reached ? fail(`${fromText} can still reach ${target} (${detail}); it should be blocked`) : pass;
}
