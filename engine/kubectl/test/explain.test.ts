import { beforeAll, describe, expect, it } from "vitest";
import { indent, wrapString } from "../cmd/explain/wordwrap";
import { KubectlBench } from "./harness";

let k: KubectlBench;

beforeAll(() => {
  k = new KubectlBench();
});

describe("kubectl explain", () => {
  it("prints KIND, VERSION, the description and the fields with their types and descriptions", async () => {
    const r = await k.run("explain pods");
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts.\n    \nFIELDS:\n  apiVersion\t<string>\n")).toBe(true);
    expect(r.stdout).toContain("\n  spec\t<PodSpec>\n    Specification of the desired behavior of the pod. More info:\n");
    expect(r.stdout.endsWith("#spec-and-status\n\n\n")).toBe(true);
  });

  it("follows dotted paths through arrays, maps and references, with GROUP for named groups", async () => {
    const resources = await k.run("explain pods.spec.containers.resources");
    expect(resources.stdout).toMatch(/^KIND:       Pod\nVERSION:    v1\n\nFIELD: resources <ResourceRequirements>\n\n\nDESCRIPTION:\n/);
    expect(resources.stdout).toContain("  limits\t<map[string]Quantity>\n");
    expect((await k.run("explain deploy.spec.replicas")).stdout).toMatch(/^GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n/);
    expect((await k.run("explain deploy.spec")).stdout).toContain("  selector\t<LabelSelector> -required-\n");
    expect((await k.run("explain pods.metadata.labels")).stdout).toContain("FIELD: labels <map[string]string>\n");
  });

  it("--recursive lists nested field names only", async () => {
    const r = await k.run("explain deploy.spec.strategy --recursive");
    expect(r.stdout).toContain("FIELDS:\n  rollingUpdate\t<RollingUpdateDeployment>\n    maxSurge\t<IntOrString>\n    maxUnavailable\t<IntOrString>\n  type\t<string>\n\n");
    expect(r.stdout.endsWith("  type\t<string>\n\n")).toBe(true);
  });

  it("keeps kubectl's prefix rules: a group prefix in the type, --api-version parsing the first word only", async () => {
    expect((await k.run("explain deployments.apps.spec")).stdout).toContain("FIELD: spec <DeploymentSpec>\n");
    const withVersion = await k.run("explain deployments.apps.spec.replicas --api-version=apps/v1");
    expect(withVersion.stdout).toBe("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\n");
    expect(withVersion.stderr).toBe('error: field "replicas" does not exist\n');
  });

  it("reports unknown fields, types and bad arguments as kubectl does", async () => {
    expect(await k.run("explain pods.spec.foo")).toEqual({ stdout: "KIND:       Pod\nVERSION:    v1\n\n", stderr: 'error: field "foo" does not exist\n', code: 1 });
    expect(await k.run("explain foos")).toEqual({ stdout: "", stderr: 'the server doesn\'t have a resource type "foos"\n', code: 1 });
    expect((await k.run("explain")).stderr).toBe('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
    expect((await k.run("explain pods a")).stderr).toBe("error: We accept only this format: explain RESOURCE\n");
    expect((await k.run("explain pods --api-version=v2")).stderr).toBe('error: couldn\'t find resource for "/v2, Resource=pods"\n');
    expect((await k.run("explain pods --output=foo")).stderr).toBe("error: unrecognized format: foo\n");
    expect((await k.run("explain pods.spec.containers[0]")).stderr).toBe("error: invalid jsonpath syntax, first node must be field node\n");
  });
});

describe("go-wordwrap", () => {
  it("wraps at spaces within the limit, keeps line breaks and long words", () => {
    expect(wrapString("aaa bbb ccc", 7)).toBe("aaa bbb\nccc");
    expect(wrapString("one\ntwo three", 5)).toBe("one\ntwo\nthree");
    expect(wrapString("https://example.com/a/very/long/url end", 10)).toBe("https://example.com/a/very/long/url\nend");
    expect(indent(2, "a\nb")).toBe("  a\n  b");
  });
});
