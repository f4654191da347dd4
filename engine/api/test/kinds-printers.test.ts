import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { formatHPAMetrics } from "../printers/autoscaling";
import { nodeRoles, nodeStatus } from "../printers/cluster";
import { eventRow } from "../printers/events";
import { formatEndpoints } from "../printers/network";
import { podRow } from "../printers/pod";
import { quotaColumns, csrCondition } from "../printers/policy";
import { accessModes } from "../printers/storage";
import { PRINTERS } from "../printers";
import type { KubeObject } from "../types";

// Expectations follow kubernetes/pkg/printers/internalversion/printers.go (v1.33) and its
// printers_test.go cases (TestPrintPod, TestPrintPodWithRestartableInitContainer, …).

const T0 = Date.parse("2026-01-01T00:00:00Z");
const at = (ms: number) => new Date(T0 + ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const min = 60_000;

function pod(status: Pod["status"], spec: Partial<Pod["spec"]> = {}, meta: Partial<Pod["metadata"]> = {}): Pod {
  return {
    metadata: { name: "web", creationTimestamp: at(0), ...meta },
    spec: { containers: [{ name: "c1", image: "nginx" }], ...spec } as Pod["spec"],
    status,
  };
}

const cells = (p: Pod, now = T0 + 10 * min) => podRow(p, now);

describe("pod table", () => {
  it("shows a running ready pod", () => {
    const p = pod({
      phase: "Running",
      conditions: [{ type: "Ready", status: "True" }],
      podIPs: [{ ip: "10.244.1.5" }],
      containerStatuses: [{ name: "c1", image: "nginx", imageID: "", ready: true, restartCount: 0, state: { running: {} } }],
    }, { nodeName: "node01" });
    expect(cells(p)).toEqual(["web", "1/1", "Running", "0", "10m", "10.244.1.5", "node01", "<none>", "<none>"]);
  });

  it("shows the waiting reason of the last container and the restart time", () => {
    const p = pod({
      phase: "Running",
      containerStatuses: [
        { name: "c1", image: "nginx", imageID: "", ready: false, restartCount: 3, state: { waiting: { reason: "CrashLoopBackOff" } }, lastState: { terminated: { exitCode: 1, finishedAt: at(8 * min) } } },
      ],
    });
    expect(cells(p).slice(1, 4)).toEqual(["0/1", "CrashLoopBackOff", "3 (2m ago)"]);
  });

  it("reports init container progress, failures and reasons", () => {
    const spec = { initContainers: [{ name: "i1", image: "busybox" }, { name: "i2", image: "busybox" }] };
    const running = pod({ phase: "Pending", initContainerStatuses: [{ name: "i1", image: "b", imageID: "", ready: false, restartCount: 0, state: { running: {} } }] }, spec);
    expect(cells(running)[2]).toBe("Init:0/2");
    const second = pod(
      {
        phase: "Pending",
        initContainerStatuses: [
          { name: "i1", image: "b", imageID: "", ready: false, restartCount: 0, state: { terminated: { exitCode: 0 } } },
          { name: "i2", image: "b", imageID: "", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } },
        ],
      },
      spec,
    );
    expect(cells(second)[2]).toBe("Init:1/2");
    const failed = pod({ phase: "Pending", initContainerStatuses: [{ name: "i1", image: "b", imageID: "", ready: false, restartCount: 2, state: { terminated: { exitCode: 1, reason: "Error" } } }] }, spec);
    expect(cells(failed).slice(2, 4)).toEqual(["Init:Error", "2"]);
    const noReason = pod({ phase: "Pending", initContainerStatuses: [{ name: "i1", image: "b", imageID: "", ready: false, restartCount: 0, state: { terminated: { exitCode: 2 } } }] }, spec);
    expect(cells(noReason)[2]).toBe("Init:ExitCode:2");
    const pull = pod({ phase: "Pending", initContainerStatuses: [{ name: "i1", image: "b", imageID: "", ready: false, restartCount: 0, state: { waiting: { reason: "ImagePullBackOff" } } }] }, spec);
    expect(cells(pull)[2]).toBe("Init:ImagePullBackOff");
  });

  it("counts started sidecars towards READY and their restarts", () => {
    const p = pod(
      {
        phase: "Running",
        conditions: [{ type: "Initialized", status: "True" }, { type: "Ready", status: "True" }],
        initContainerStatuses: [{ name: "proxy", image: "envoy", imageID: "", ready: true, started: true, restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: at(5 * min) } } }],
        containerStatuses: [{ name: "c1", image: "nginx", imageID: "", ready: true, restartCount: 0, state: { running: {} } }],
      },
      { initContainers: [{ name: "proxy", image: "envoy", restartPolicy: "Always" }] },
    );
    expect(cells(p).slice(1, 4)).toEqual(["2/2", "Running", "1 (5m ago)"]);
  });

  it("turns Completed back to Running or NotReady while a container still runs", () => {
    const statuses = [
      { name: "a", image: "x", imageID: "", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } },
      { name: "b", image: "x", imageID: "", ready: true, restartCount: 0, state: { running: {} } },
    ];
    // Containers are walked last to first, so the first container's reason wins.
    expect(cells(pod({ phase: "Running", containerStatuses: statuses, conditions: [{ type: "Ready", status: "False" }] }))[2]).toBe("NotReady");
    expect(cells(pod({ phase: "Running", containerStatuses: statuses, conditions: [{ type: "Ready", status: "True" }] }))[2]).toBe("Running");
  });

  it("prints Terminating, Unknown for lost nodes, reasons and SchedulingGated", () => {
    expect(cells(pod({ phase: "Running" }, {}, { deletionTimestamp: at(min) }))[2]).toBe("Terminating");
    expect(cells(pod({ phase: "Running", reason: "NodeLost" }, {}, { deletionTimestamp: at(min) }))[2]).toBe("Unknown");
    expect(cells(pod({ phase: "Succeeded" }, {}, { deletionTimestamp: at(min) }))[2]).toBe("Succeeded");
    expect(cells(pod({ phase: "Failed", reason: "Evicted" }))[2]).toBe("Evicted");
    expect(cells(pod({ phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }] }))[2]).toBe("SchedulingGated");
    expect(cells(pod({ phase: "Running", containerStatuses: [{ name: "c1", image: "x", imageID: "", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, signal: 9 } } }] }))[2]).toBe("Signal:9");
  });

  it("counts readiness gates", () => {
    const p = pod({ phase: "Running", conditions: [{ type: "example.com/gate", status: "True" }] }, { readinessGates: [{ conditionType: "example.com/gate" }, { conditionType: "other" }] });
    expect(cells(p)[8]).toBe("1/2");
  });
});

describe("other tables", () => {
  it("derives node status and roles", () => {
    const node = { metadata: { labels: { "node-role.kubernetes.io/control-plane": "", "kubernetes.io/role": "master" } }, spec: { unschedulable: true }, status: { conditions: [{ type: "Ready", status: "True" }] } };
    expect(nodeStatus(node as never)).toBe("Ready,SchedulingDisabled");
    expect(nodeRoles(node.metadata.labels)).toEqual(["control-plane", "master"]);
    expect(nodeStatus({ status: { conditions: [{ type: "Ready", status: "Unknown" }] } } as never)).toBe("NotReady");
    expect(nodeStatus({} as never)).toBe("Unknown");
  });

  it("formats endpoints with at most three addresses", () => {
    const ep = { subsets: [{ addresses: [{ ip: "10.0.0.1" }, { ip: "10.0.0.2" }, { ip: "10.0.0.3" }, { ip: "10.0.0.4" }], ports: [{ port: 80 }] }] };
    expect(formatEndpoints(ep as never)).toBe("10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...");
    expect(formatEndpoints({} as never)).toBe("<none>");
  });

  it("splits quota usage into REQUEST and LIMIT columns with canonical quantities", () => {
    const quota = { status: { hard: { pods: "10", "requests.cpu": "1", "limits.memory": "2Gi", "limits.cpu": "2000m" }, used: { "requests.cpu": "500m", "limits.memory": "1024Mi" } } };
    expect(quotaColumns(quota as never)).toEqual({ request: "pods: 0/10, requests.cpu: 500m/1", limit: "limits.cpu: 0/2, limits.memory: 1Gi/2Gi" });
  });

  it("formats CSR conditions and access modes", () => {
    expect(csrCondition({ status: { conditions: [{ type: "Approved", status: "True" }], certificate: "abc" } } as never)).toBe("Approved,Issued");
    expect(csrCondition({ status: {} } as never)).toBe("Pending");
    expect(accessModes(["ReadWriteMany", "ReadWriteOnce"])).toBe("RWO,RWX");
  });

  it("formats HPA targets like kubectl get hpa", () => {
    const specs = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }];
    expect(formatHPAMetrics(specs as never, undefined)).toBe("cpu: <unknown>/80%");
    expect(formatHPAMetrics(specs as never, [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 12 } } }] as never)).toBe("cpu: 12%/80%");
    const mem = { type: "Resource", resource: { name: "memory", target: { type: "AverageValue", averageValue: "1024Mi" } } };
    expect(formatHPAMetrics([...specs, mem, mem] as never, undefined)).toBe("cpu: <unknown>/80%, memory: <unknown>/1Gi + 1 more...");
  });

  it("prints core events with kind/name objects and counts", () => {
    const ev = {
      metadata: { name: "web.1" },
      involvedObject: { kind: "Pod", name: "web", fieldPath: "spec.containers{c1}" },
      reason: "Pulled",
      message: "Successfully pulled image \"nginx\"\n",
      type: "Normal",
      source: { component: "kubelet", host: "node01" },
      firstTimestamp: at(0),
      lastTimestamp: at(2 * min),
      count: 2,
    } as unknown as KubeObject;
    expect(eventRow(ev, T0 + 5 * min)).toEqual(["3m", "Normal", "Pulled", "pod/web", "spec.containers{c1}", "kubelet, node01", 'Successfully pulled image "nginx"', "5m", 2, "web.1"]);
  });

  it("has a printer for every built-in kind that has one in printers.go", () => {
    for (const key of ["/pods", "apps/deployments", "batch/cronjobs", "/services", "storage.k8s.io/storageclasses", "events.k8s.io/events", "autoscaling/horizontalpodautoscalers"]) {
      expect(PRINTERS[key], key).toBeDefined();
    }
    expect(PRINTERS["rbac.authorization.k8s.io/roles"]).toBeUndefined();
    expect(PRINTERS["/limitranges"]).toBeUndefined();
  });
});

describe("replicated pods tables", () => {
  const template = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }, { name: "log", image: "busybox" }] } };
  const meta = { name: "web", creationTimestamp: at(0) };

  it("prints a ReplicaSet with its label selector", () => {
    const rs = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: meta, spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template }, status: { replicas: 3, readyReplicas: 2 } } as unknown as KubeObject;
    const printer = PRINTERS["apps/replicasets"];
    expect(printer.columns.map((c) => c.name)).toEqual(["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"]);
    expect(printer.rows(rs, { now: T0 + 5 * min })).toEqual([["web", 3, 3, 2, "5m", "nginx,log", "nginx:1.27,busybox", "app=web"]]);
  });

  it("prints a ReplicationController with its plain selector map", () => {
    const rc = { apiVersion: "v1", kind: "ReplicationController", metadata: meta, spec: { replicas: 2, selector: { app: "web" }, template }, status: { replicas: 1 } } as unknown as KubeObject;
    expect(PRINTERS["/replicationcontrollers"].rows(rc, { now: T0 + 5 * min })).toEqual([["web", 2, 1, 0, "5m", "nginx,log", "nginx:1.27,busybox", "app=web"]]);
  });
});
