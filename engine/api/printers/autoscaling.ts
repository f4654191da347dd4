import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from "kubernetes-types/autoscaling/v2";
import { canonicalQuantity } from "../quantity";
import { NAME_COLUMN, type TablePrinter } from "../table";
import type { KubeObject } from "../types";
import { AGE_COLUMN, creationAge, docColumn } from "./format";

/** HorizontalPodAutoscalers: printHorizontalPodAutoscaler and formatHPAMetrics of printers.go (v1.33). */

function q(value: unknown): string {
  if (value === undefined || value === null) return "0";
  try {
    return canonicalQuantity(value);
  } catch {
    return String(value);
  }
}

/** The TARGETS cell: `cpu: 42%/80%`, `<unknown>` for metrics not measured yet, at most two shown. */
export function formatHPAMetrics(specs: MetricSpec[] | undefined, statuses: MetricStatus[] | undefined): string {
  const list: string[] = [];
  const st = statuses ?? [];
  if (!specs || specs.length === 0) return "<none>";
  specs.forEach((spec, i) => {
    const status = st[i];
    switch (spec.type) {
      case "External": {
        const target = spec.external?.target;
        if (target?.averageValue !== undefined) {
          const current = status?.external?.current?.averageValue !== undefined ? q(status.external.current.averageValue) : "<unknown>";
          list.push(`${current}/${q(target.averageValue)} (avg)`);
        } else {
          const current = status?.external ? q(status.external.current?.value) : "<unknown>";
          list.push(`${current}/${q(target?.value)}`);
        }
        break;
      }
      case "Pods": {
        const current = status?.pods ? q(status.pods.current?.averageValue) : "<unknown>";
        list.push(`${current}/${q(spec.pods?.target?.averageValue)}`);
        break;
      }
      case "Object": {
        const target = spec.object?.target;
        if (target?.averageValue !== undefined) {
          const current = status?.object?.current?.averageValue !== undefined ? q(status.object.current.averageValue) : "<unknown>";
          list.push(`${current}/${q(target.averageValue)} (avg)`);
        } else {
          const current = status?.object ? q(status.object.current?.value) : "<unknown>";
          list.push(`${current}/${q(target?.value)}`);
        }
        break;
      }
      case "Resource":
      case "ContainerResource": {
        const source = spec.type === "Resource" ? spec.resource : spec.containerResource;
        const current = spec.type === "Resource" ? status?.resource : status?.containerResource;
        const target = source?.target;
        if (target?.averageValue !== undefined) {
          list.push(`${source?.name}: ${current ? q(current.current?.averageValue) : "<unknown>"}/${q(target.averageValue)}`);
        } else {
          const now = current?.current?.averageUtilization !== undefined ? `${current.current.averageUtilization}%` : "<unknown>";
          const want = target?.averageUtilization !== undefined ? `${target.averageUtilization}%` : "<auto>";
          list.push(`${source?.name}: ${now}/${want}`);
        }
        break;
      }
      default:
        list.push("<unknown type>");
    }
  });
  const max = 2;
  if (list.length > max) return `${list.slice(0, max).join(", ")} + ${list.length - max} more...`;
  return list.join(", ");
}

export function hpaPrinter(toV2: (obj: KubeObject) => KubeObject = (o) => o): TablePrinter {
  return {
    columns: [
      NAME_COLUMN,
      docColumn("Reference", "string", "hpa.scaleTargetRef"),
      docColumn("Targets", "string", "hpa.metrics"),
      docColumn("MinPods", "string", "hpa.minReplicas"),
      docColumn("MaxPods", "string", "hpa.maxReplicas"),
      docColumn("Replicas", "string", "hpa.currentReplicas"),
      AGE_COLUMN,
    ],
    rows: (obj, ctx) => {
      const hpa = toV2(obj) as unknown as HorizontalPodAutoscaler;
      const spec = hpa.spec;
      const minPods = spec?.minReplicas !== undefined && spec?.minReplicas !== null ? String(spec.minReplicas) : "<unset>";
      return [
        [
          obj.metadata.name,
          `${spec?.scaleTargetRef?.kind ?? ""}/${spec?.scaleTargetRef?.name ?? ""}`,
          formatHPAMetrics(spec?.metrics, hpa.status?.currentMetrics),
          minPods,
          spec?.maxReplicas ?? 0,
          hpa.status?.currentReplicas ?? 0,
          creationAge(obj, ctx.now),
        ],
      ];
    },
  };
}
