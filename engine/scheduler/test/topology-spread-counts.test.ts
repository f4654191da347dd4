import { describe, expect, it } from "vitest";
import type { Pod } from "kubernetes-types/core/v1";
import { fromLabelSelector, matches } from "../../api/selectors/labels";
import type { KubeObject } from "../../api/types";
import { podManifest, testCluster } from "../../controllers/test/harness";
import { SchedulerCache } from "../cache";

const ZONES = [
  { name: "a1", labels: { zone: "a" } },
  { name: "a2", labels: { zone: "a" } },
  { name: "b1", labels: { zone: "b" } },
  { name: "b2", labels: { zone: "b" } },
];
const nodeOf = (pod: KubeObject | undefined) => (pod?.spec as { nodeName?: string })?.nodeName;
const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "s" } } }] };

describe("topology spread counts kept as pods come and go", () => {
  it("a new replica goes to the zone that lost pods (deleted or relabelled ones no longer count)", () => {
    const t = testCluster({ nodes: ZONES });
    for (let i = 0; i < 4; i++) t.client.create(podManifest(`s${i}`, spread, { app: "s" }));
    const inZone = (zone: string) => t.pods("default", "app=s").filter((p) => nodeOf(p)!.startsWith(zone)).map((p) => p.metadata.name!);
    const [gone, relabelled] = inZone("a");
    t.client.delete("", "pods", "default", gone, { gracePeriodSeconds: 0 });
    t.client.patch("", "pods", "default", relabelled, { metadata: { labels: { app: "other" } } });
    t.advance(1000);
    // Zone a now has no pod matching app=s and zone b two: both new replicas must go to zone a.
    t.client.create(podManifest("n1", spread, { app: "s" }));
    t.client.create(podManifest("n2", spread, { app: "s" }));
    expect(nodeOf(t.pod("n1"))![0]).toBe("a");
    expect(nodeOf(t.pod("n2"))![0]).toBe("a");
  });

  it("the cache's per-node counts equal counting every pod, through creates, moves, label edits and deletions", () => {
    const t = testCluster({ nodes: ZONES });
    const cache = new SchedulerCache(t.cluster.store);
    const selector = fromLabelSelector({ matchLabels: { app: "s" } });
    const bruteForce = () => {
      const out = new Map<string, number>();
      for (const p of t.cluster.store.list("/pods") as unknown as Pod[]) {
        const node = p.spec?.nodeName;
        if (!node || p.metadata?.namespace !== "default" || p.metadata.deletionTimestamp || p.status?.phase === "Succeeded" || p.status?.phase === "Failed") continue;
        if (matches(selector, p.metadata.labels)) out.set(node, (out.get(node) ?? 0) + 1);
      }
      return out;
    };
    const check = (step: string) => expect(new Map(cache.matchingPodsPerNode("default", selector)), step).toEqual(bruteForce());
    check("empty");
    for (let i = 0; i < 6; i++) t.client.create(podManifest(`s${i}`, {}, { app: i % 2 ? "s" : "x" }));
    t.client.create(podManifest("elsewhere", {}, { app: "s" }, "kube-system"));
    check("created");
    t.client.patch("", "pods", "default", "s0", { metadata: { labels: { app: "s" } } });
    t.client.patch("", "pods", "default", "s1", { metadata: { labels: { app: "y" } } });
    check("relabelled");
    t.client.delete("", "pods", "default", "s3");
    check("being deleted");
    t.advance(60_000);
    check("deleted");
  });
});
