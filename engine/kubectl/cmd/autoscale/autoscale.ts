import { registerCommand } from "../../cli/command";
import { AggregateError } from "../../cli/errors";
import { buildTargets } from "../../resource/builder";
import { fetchInfos } from "../../resource/infos";
import { createFromGenerator } from "../create/submit";
import { meta, type Obj } from "../create/objects";

/**
 * `kubectl autoscale TYPE NAME --max=N [--min=N] [--cpu-percent=N]`: an autoscaling/v2
 * HorizontalPodAutoscaler for anything with a scale subresource. Like kubectl's resource builder it
 * reads the target first (a missing one fails with the server's NotFound), then checks that its
 * type can be scaled.
 */
registerCommand("autoscale", (c) => {
  const max = c.flags.int("max");
  const min = c.flags.int("min");
  if (max < 1) throw new Error(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new Error(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const targets = buildTargets(c.factory, { args: c.args, filenames: c.flags.strings("filename"), recursive: c.flags.bool("recursive"), allowEmptySelector: false });
  const errors: Error[] = [];
  for (const t of targets) {
    if (t.kind === "list") continue;
    const fetched = fetchInfos(c, [t]);
    if (fetched.errors.length > 0) {
      errors.push(...fetched.errors);
      continue;
    }
    const m = t.mapping;
    if (!m.subresources.includes("scale")) {
      errors.push(new Error(`cannot autoscale a ${m.kind}: could not find scale subresource for ${m.group}/${m.version}, Resource=${m.resource} in discovery information`));
      continue;
    }
    const cpu = c.flags.int("cpu-percent");
    const spec: Obj = {
      scaleTargetRef: { kind: m.kind, name: t.name, apiVersion: m.group ? `${m.group}/${m.version}` : m.version },
      ...(min >= 0 ? { minReplicas: min } : {}),
      maxReplicas: max,
      ...(cpu >= 0 ? { metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: cpu } } }] } : {}),
    };
    const hpa: Obj = {
      kind: "HorizontalPodAutoscaler",
      apiVersion: "autoscaling/v2",
      metadata: meta(c.flags.string("name") || t.name, undefined),
      spec,
      status: { desiredReplicas: 0, currentMetrics: null },
    };
    createFromGenerator(c, hpa, "autoscaled");
  }
  if (errors.length > 0) throw new AggregateError(errors);
  return 0;
});
