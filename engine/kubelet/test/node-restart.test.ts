import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { runScript } from "../../shell/script";
import { lab } from "./helpers";

function ready(node: KubeObject | undefined): string | undefined {
  return (node?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.find((c) => c.type === "Ready")?.status;
}

describe("a kubelet started again after the node went Unknown", () => {
  it("posts Ready=True at once, even though its status did not change since it last posted", async () => {
    const env = lab();
    const node = () => env.cluster().admin.get("", "nodes", undefined, "node01");
    env.advanceBy(5_000);
    expect(ready(node())).toBe("True");
    expect((await runScript(env, { host: "node01", script: "systemctl stop kubelet" })).exitCode).toBe(0);
    env.advanceBy(60_000);
    expect(ready(node())).toBe("Unknown");
    expect((await runScript(env, { host: "node01", script: "systemctl start kubelet" })).exitCode).toBe(0);
    env.advanceBy(10_000);
    expect(ready(node())).toBe("True");
  });
});
