import { expect, it } from "vitest";
import { parse, type SimpleCommandNode } from "just-bash";
import { FileWriter, fileTargetAssignments } from "../file-output";
import type { ShellFs } from "../shell-fs";
import { createTerminal, type Terminal } from "../terminal";
import { freshEnvironment } from "./helpers";

async function type(terminal: Terminal, name: string, lines: string[]): Promise<string> {
  let screen = "";
  for (const line of lines) {
    screen += `${name}$ ${line}\n`;
    const result = await terminal.exec(line, (data) => (screen += data));
    if (result.exitCode) screen += `[${result.exitCode}]\n`;
  }
  return screen;
}

it("a watch redirected to a file in one terminal is followed with tail -f in another as it grows", async () => {
  const env = freshEnvironment();
  const first = createTerminal(env);
  const second = createTerminal(env);
  await Promise.all([first.ready, second.ready]);
  expect(await type(first, "A", ["kubectl run web --image=nginx", "kubectl get pods -w > /tmp/w.txt &"])).toBe(
    ["A$ kubectl run web --image=nginx", "pod/web created", "A$ kubectl get pods -w > /tmp/w.txt &", "[1] 1001", ""].join("\n"),
  );
  expect(await type(second, "B", ["timeout 6 tail -f /tmp/w.txt"])).toBe(
    [
      "B$ timeout 6 tail -f /tmp/w.txt",
      "NAME   READY   STATUS              RESTARTS   AGE",
      "web    0/1     ContainerCreating   0          0s",
      "web    1/1     Running             0          3s",
      "[124]",
      "",
    ].join("\n"),
  );
  await first.stopJobs();
}, 60_000);

function targets(line: string): string[] {
  const command = parse(line).statements[0].pipelines[0].commands[0] as SimpleCommandNode;
  return fileTargetAssignments(command.redirections).map((a) => `${a.name}=${a.value?.parts.map((p) => ("value" in p ? p.value : p.type)).join("")}`);
}

it("names the files fds 1 and 2 end in after the redirections, in bash's order", () => {
  expect(targets("cmd > out")).toEqual(["__KC_TO1=out"]);
  expect(targets("cmd >> out 2>&1")).toEqual(["__KC_TO1A=out"]);
  expect(targets("cmd &> both")).toEqual(["__KC_TO1=both"]);
  expect(targets("cmd &>> both")).toEqual(["__KC_TO1A=both"]);
  // stderr goes where stdout pointed then (the terminal); stdout to the file.
  expect(targets("cmd 2>&1 > out")).toEqual(["__KC_TO1=out"]);
  expect(targets("cmd > out 2> err")).toEqual(["__KC_TO1=out", "__KC_TO2=err"]);
  expect(targets("cmd 2>> err")).toEqual(["__KC_TO2A=err"]);
  expect(targets("cmd > ~/log")).toEqual(["__KC_TO1=TildeExpansion/log"]);
  // Expanding these again could differ or have effects: left to just-bash's write at the end.
  expect(targets("cmd > *.log")).toEqual([]);
  expect(targets("cmd > $(date +%s).log")).toEqual([]);
  expect(targets("cmd > /dev/null 2>&1")).toEqual([]);
  expect(targets("cmd > out 1>&-")).toEqual([]);
});

it("a file that cannot take more output says so, stops the command, and keeps what was written", async () => {
  const writes: string[] = [];
  const fs = {
    appendFile: async (_path: string, data: string) => {
      if (writes.length === 1) throw Object.assign(new Error("EFBIG: file too large, write '/tmp/f'"), { code: "EFBIG" });
      writes.push(data);
    },
  } as unknown as ShellFs;
  const messages: string[] = [];
  const writer = new FileWriter(fs, { path: "/tmp/f", append: false }, (m) => messages.push(m));
  writer.write("one\n");
  writer.write("two\n");
  writer.write("three\n");
  expect(await writer.settle("four\n")).toBe("one\n");
  expect(writes).toEqual(["one\n"]);
  expect(messages).toEqual(["kubecoach: command stopped (its output to /tmp/f could not be written: File too large)\n"]);
});
