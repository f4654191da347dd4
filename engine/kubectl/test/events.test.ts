import { beforeAll, describe, expect, it } from "vitest";
import { goSort } from "../cmd/events/go-sort";
import { runKubectl } from "../program";
import { KubectlBench } from "./harness";

let k: KubectlBench;

beforeAll(async () => {
  k = new KubectlBench();
  await k.run("run web --image=nginx");
  await k.run("run broken --image=no-such-image:9");
  k.env.advanceBy(120_000);
});

describe("kubectl events", () => {
  it("lists the namespace's events by time with LAST SEEN, TYPE, REASON, OBJECT, MESSAGE", async () => {
    const r = await k.run("events");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(r.stdout).toMatch(/\n\S+ +Normal +Scheduled +Pod\/web +Successfully assigned default\/web to node0\d\n/);
    expect(r.stdout).toMatch(/\n\S+ \(x\d+ over \S+\) +Warning +Failed +Pod\/broken +Error: ErrImagePull\n|\n\S+ +Warning +Failed +Pod\/broken +Error: ErrImagePull\n/);
  });

  it("filters by object and type, and prints the namespace column with -A", async () => {
    const web = await k.run("events --for pod/web");
    expect(web.stdout).not.toContain("Pod/broken");
    expect(web.stdout).toContain("Pod/web");
    const warnings = await k.run("events --types=Warning");
    expect(warnings.stdout.split("\n").slice(1).filter(Boolean).every((l) => / Warning /.test(l))).toBe(true);
    expect((await k.run("events -A")).stdout).toMatch(/^NAMESPACE +LAST SEEN +TYPE +REASON +OBJECT +MESSAGE\n/);
    expect((await k.run("events -A --no-headers")).stdout).toMatch(/^(default|kube-system) /);
  });

  it("says when there is nothing, and refuses bad flags like kubectl", async () => {
    expect(await k.run("events --for pod/nope")).toEqual({ stdout: "", stderr: "No events found in default namespace.\n", code: 0 });
    expect((await k.run("events -n nowhere")).stderr).toBe("No events found in nowhere namespace.\n");
    expect((await k.run("events --types=Foo")).stderr).toBe("error: valid --types are Normal or Warning\n");
    expect((await k.run("events --for web")).stderr).toBe("error: --for must be in resource/name form\n");
    expect((await k.run("events --for=pod/a/b")).stderr).toBe("error: arguments in resource/name form may not have more than one slash\n");
    expect((await k.run("events --for=foo/x")).stderr).toBe('the server doesn\'t have a resource type "foo"\n');
  });

  it("prints an EventList with -o, in the typed field order for JSON", async () => {
    expect((await k.run("events --for pod/web -o json")).stdout).toMatch(/^\{\n {4}"kind": "EventList",\n {4}"apiVersion": "v1",\n {4}"metadata": \{\},\n {4}"items": \[\n {8}\{\n {12}"kind": "Event",\n {12}"apiVersion": "v1",\n {12}"metadata": \{\n {16}"name": "web\./);
    expect((await k.run("events --for pod/web -o yaml")).stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n  count: 1\n/);
    expect((await k.run("events --for pod/web -o jsonpath={.items[0].involvedObject.name}")).stdout).toBe("web");
  });

  it("-w prints events as they arrive until interrupted", async () => {
    const controller = new AbortController();
    const { ctx, out } = k.context(["events", "-w", "--for", "pod/later"], controller.signal);
    let sleeps = 0;
    // The pod appears after the watch has started; Ctrl-C comes a minute of simulated time later.
    ctx.sleep = async (ms) => {
      sleeps++;
      if (sleeps === 2) await k.run("run later --image=nginx");
      k.env.advanceBy(ms);
      if (sleeps === 60) controller.abort();
    };
    const code = await runKubectl(ctx);
    const r = { ...out, code };
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE\n/);
    expect(r.stdout).toContain("Pod/later");
  });
});

describe("Go's sort.Sort port", () => {
  it("sorts, and orders equal keys as Go's pdqsort does (insertion sort keeps them up to 12)", () => {
    const small = [3, 1, 2].map((v, i) => ({ v, i }));
    expect(goSort(small, (a, b) => a.v < b.v).map((x) => x.v)).toEqual([1, 2, 3]);
    const ties = Array.from({ length: 10 }, (_, i) => ({ v: 0, i }));
    expect(goSort(ties, (a, b) => a.v < b.v).map((x) => x.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const big = Array.from({ length: 200 }, (_, i) => (i * 7919) % 200);
    expect(goSort([...big], (a, b) => a < b)).toEqual([...big].sort((a, b) => a - b));
  });
});
