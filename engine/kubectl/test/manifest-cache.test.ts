import { describe, expect, it } from "vitest";
import { decodeManifest } from "../resource/manifest";
import { KubectlBench } from "./harness";

const CM = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "${value}"\n`;

/** Manifests are decoded once per text and shared: every command must still see the file as it is now. */
describe("manifests kept between commands", () => {
  it("applies an edited file's new content, and the same text again as unchanged", async () => {
    const bench = new KubectlBench();
    bench.write("/root/cm.yaml", CM("a"));
    expect((await bench.run("apply -f cm.yaml")).stdout).toBe("configmap/settings created\n");
    expect((await bench.run("apply -f cm.yaml")).stdout).toBe("configmap/settings unchanged\n");
    bench.write("/root/cm.yaml", CM("b"));
    expect((await bench.run("apply -f cm.yaml")).stdout).toBe("configmap/settings configured\n");
    expect((await bench.run(["get", "cm", "settings", "-o", "jsonpath={.data.mode}"])).stdout).toBe("b");
  });

  it("gives each caller its own objects to change", () => {
    const first = decodeManifest(CM("a"), "one.yaml");
    (first[0].metadata as { name: string }).name = "changed";
    (first[0] as unknown as { data: Record<string, string> }).data.mode = "z";
    const second = decodeManifest(CM("a"), "two.yaml");
    expect(second[0].metadata.name).toBe("settings");
    expect(second[0]).toMatchObject({ data: { mode: "a" } });
  });

  it("names the file in the error each time the same broken text is read", async () => {
    const bench = new KubectlBench();
    const broken = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n";
    bench.write("/root/a.yaml", broken);
    bench.write("/root/b.yaml", broken);
    const a = await bench.run("apply -f a.yaml");
    const b = await bench.run("apply -f b.yaml");
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/^error: error parsing a\.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n$/);
    expect(b.stderr).toBe(a.stderr.replace("a.yaml", "b.yaml"));
  });
});
