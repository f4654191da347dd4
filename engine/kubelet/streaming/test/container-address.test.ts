import { describe, expect, it } from "vitest";
import { createPod, lab, podRow, waitFor } from "../../test/helpers";
import { runScript } from "../../../shell";

/** A container's `hostname -i` is its pod's address, as the resolver finds it in the pod's /etc/hosts. */
describe("hostname -i inside a container", () => {
  it("prints the pod IP, in kubectl exec and in the container's own command", async () => {
    const env = lab();
    const c = env.cluster();
    createPod(c, { metadata: { name: "box" }, spec: { nodeName: "node01", containers: [{ name: "b", image: "busybox", command: ["sh", "-c", "hostname -i; sleep 1d"] }] } });
    createPod(c, { metadata: { name: "web" }, spec: { nodeName: "node02", containers: [{ name: "nginx", image: "nginx:1.27" }] } });
    waitFor(env, () => podRow(c, "default", "box").status === "Running" && podRow(c, "default", "web").status === "Running");
    const ip = (pod: string) => (c.store.get("/pods", "default", pod)?.status as { podIP: string }).podIP;
    expect(ip("box")).toMatch(/^10\.244\./);
    const r = await runScript(env, { script: "kubectl exec box -- hostname -i\nkubectl exec web -- hostname -I\nkubectl logs box\nssh node01 hostname -i\n" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`${ip("box")}\n${ip("web")} \n${ip("box")}\n172.30.2.2\n`);
  });
});
