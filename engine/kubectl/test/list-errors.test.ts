import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { KubectlBench } from "./harness";

describe("a list the server refuses", () => {
  it("names the resource and the selectors, as cli-runtime's selector visitor does (get and label alike)", async () => {
    const bench = new KubectlBench(Environment.create());
    expect(await bench.run("get pods --field-selector=bad=x")).toMatchObject({
      code: 1,
      stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "bad=x": field label not supported: bad\n',
    });
    expect(await bench.run("get pods -l app=x --field-selector=bad=x -o name")).toMatchObject({
      code: 1,
      stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app=x", field selector "bad=x": field label not supported: bad\n',
    });
    expect((await bench.run("label pods --field-selector=bad=x tier=web")).stderr).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "bad=x": field label not supported: bad\n',
    );
  });

  it("label and annotate select by field, and refuse --all with a selector", async () => {
    const bench = new KubectlBench(Environment.create());
    expect(await bench.run("label pods -n kube-system --field-selector=metadata.name=etcd-controlplane team=db")).toMatchObject({ code: 0, stdout: "pod/etcd-controlplane labeled\n" });
    expect(await bench.run("label pods --all --field-selector=metadata.name=x tier=web")).toMatchObject({ code: 1, stderr: "error: cannot set --all and --field-selector at the same time\n" });
    expect(await bench.run("annotate pods --all -l app=x note=1")).toMatchObject({ code: 1, stderr: "error: cannot set --all and --selector at the same time\n" });
  });
});
