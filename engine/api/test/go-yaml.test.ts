import { describe, expect, it } from "vitest";
import { decodeManifest } from "../../kubectl/resource/manifest";
import { decodeBody } from "../server/body";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: portal
  labels:
    tier: "0400"
    window: 1:20
spec:
  hostNetwork: yes
  containers:
  - name: app
    image: nginx
  volumes:
  - name: config
    secret:
      secretName: tls
      defaultMode: 0644
      items:
      - key: tls.key
        path: tls.key
        mode: 0400
`;

describe("YAML read as sigs.k8s.io/yaml reads it (YAML 1.1)", () => {
  it("kubectl reads a leading-zero file mode as octal, yes as true, and leaves quoted and h:mm values strings", () => {
    const [pod] = decodeManifest(POD, "pod.yaml") as unknown as [{ metadata: { labels: Record<string, unknown> }; spec: { hostNetwork: unknown; volumes: { secret: { defaultMode: number; items: { mode: number }[] } }[] } }];
    expect(pod.spec.volumes[0].secret.items[0].mode).toBe(256);
    expect(pod.spec.volumes[0].secret.defaultMode).toBe(420);
    expect(pod.spec.hostNetwork).toBe(true);
    expect(pod.metadata.labels).toEqual({ tier: "0400", window: "1:20" });
  });

  it("the API server decodes a YAML request body the same way", () => {
    const body = decodeBody(POD, "application/apply-patch+yaml") as { spec: { volumes: { secret: { items: { mode: number }[] } }[] } };
    expect(body.spec.volumes[0].secret.items[0].mode).toBe(256);
  });
});
