// A command's fingerprints (lib/session/env-fingerprint.ts) compare the clusters' plugin state by
// its revision alone. These run commands that change the kubelets' state directly, with the clock
// standing still (no heartbeat or store write to give them away), under the verification that
// copies the state and throws when it changed while the revision stood still.
import { afterEach, describe, expect, it } from "vitest";
import type { Environment } from "../../../engine/cluster/environment";
import { kubeletStates, readKubeletStates } from "../../../engine/kubelet/state";
import { createTerminal } from "../../../engine/shell";
import { freshEnvironment } from "../../../engine/shell/test/helpers";
import { changedSince, envFingerprint, verifyPluginStateRevisions } from "../env-fingerprint";

afterEach(() => void verifyPluginStateRevisions(true));

async function withRunningPod(): Promise<Environment> {
  const env = freshEnvironment();
  const terminal = createTerminal(env, { host: "controlplane" });
  await terminal.ready;
  await terminal.exec("kubectl run web --image=nginx --overrides='{\"spec\":{\"nodeName\":\"node01\"}}'");
  env.advanceBy(60_000);
  return env;
}

async function changes(env: Environment, host: string, line: string): Promise<{ changed: boolean; output: string }> {
  const terminal = createTerminal(env, { host });
  await terminal.ready;
  let output = "";
  const before = envFingerprint(env);
  const clock = env.clock.now();
  await terminal.exec(line, (data) => void (output += data));
  expect(env.clock.now(), `${line} moved the clock`).toBe(clock);
  return { changed: changedSince(before, env), output };
}

describe("command fingerprints", { timeout: 120_000 }, () => {
  it("tell a command that changed the kubelets' state from one that only read", async () => {
    const env = await withRunningPod();
    expect((await changes(env, "controlplane", "kubectl get pods -o wide")).output).toMatch(/web\s+1\/1\s+Running.*node01/);
    // Commands that read the kubelets' records (containers, images, processes) change nothing.
    for (const [host, line] of [["controlplane", "kubectl get pods -A"], ["node01", "crictl ps"], ["node01", "ps aux"], ["node01", "crictl images"]] as const) {
      expect((await changes(env, host, line)).changed, line).toBe(false);
    }
    const ps = await changes(env, "node01", "crictl ps --name web -q");
    expect(ps.changed).toBe(false);
    const id = ps.output.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    // crictl stop kills the container in the kubelet's records: nothing else shows it at this instant.
    const stop = await changes(env, "node01", `crictl stop ${id}`);
    expect(stop.output).toBe(`${id}\n`);
    expect(stop.changed).toBe(true);
    expect((await changes(env, "controlplane", "kubectl get pods -A")).changed).toBe(false);
  });

  it("see a signal to a container's process", async () => {
    const env = await withRunningPod();
    const pid = (await changes(env, "node01", "pgrep -o nginx")).output.trim();
    expect(pid).toMatch(/^\d+$/);
    expect((await changes(env, "node01", `kill -9 ${pid}`)).changed).toBe(true);
  });

  it("see a unit changed in place, and a journal entry added", async () => {
    const env = freshEnvironment();
    const services = env.hosts.get("node01")!.services;
    let before = envFingerprint(env);
    expect(changedSince(before, env)).toBe(false);
    services.get("kubelet")!.restarts = 3;
    expect(changedSince(before, env)).toBe(true);
    before = envFingerprint(env);
    services.log("kubelet", "a line");
    expect(changedSince(before, env)).toBe(true);
    expect((await changes(env, "node01", "systemctl status kubelet --no-pager | head -1")).changed).toBe(false);
    expect((await changes(env, "node01", "systemctl stop containerd")).changed).toBe(true);
  });

  it("throw, under verification, at plugin state changed behind the revision's back", async () => {
    const env = await withRunningPod();
    const cluster = [...env.clusters.values()][0]!;
    const node = (cluster.extra["kubelet/nodes"] as Record<string, { nextPid: number }>)["node01"]!;
    let before = envFingerprint(env);
    node.nextPid++;
    expect(() => changedSince(before, env)).toThrow(/plugin state changed while its revision stood still/);
    // Without the verification the fingerprint sees the revision only, and this change not at all:
    // changes must go through Cluster.changePluginState.
    verifyPluginStateRevisions(false);
    before = envFingerprint(env);
    node.nextPid++;
    expect(changedSince(before, env)).toBe(false);
    // Reading the kubelets' records is no change; taking them to change is one.
    before = envFingerprint(env);
    expect(readKubeletStates(cluster)["node01"]!.nextPid).toBe(node.nextPid);
    expect(changedSince(before, env)).toBe(false);
    const revision = cluster.pluginStateRevision;
    kubeletStates(cluster);
    expect(cluster.pluginStateRevision).not.toBe(revision);
    before = envFingerprint(env);
    cluster.changePluginState<Record<string, { nextPid: number }>>("kubelet/nodes", () => ({}))["node01"]!.nextPid++;
    expect(changedSince(before, env)).toBe(true);
  });
});
