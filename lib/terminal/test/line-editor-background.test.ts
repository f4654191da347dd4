// Output of a background job arriving while the learner edits a line at the prompt, drawn on a
// real (headless) xterm configured as the web terminal is (convertEol).
import xtermHeadless from "@xterm/headless";
import { expect, it } from "vitest";
import { LineEditor } from "../line-editor";

const { Terminal } = xtermHeadless;

function setup(columns = 30) {
  const term = new Terminal({ cols: columns, rows: 10, allowProposedApi: true, convertEol: true });
  const submitted: string[] = [];
  const editor = new LineEditor(
    { write: (d) => term.write(d), columns: () => term.cols },
    { submit: (line) => submitted.push(line), complete: () => undefined, interrupt: () => undefined, endOfInput: () => undefined, input: () => undefined, clearScreen: () => undefined },
  );
  const screen = async () => {
    await new Promise<void>((resolve) => term.write("", resolve));
    const lines: string[] = [];
    for (let i = 0; i < term.buffer.active.length; i++) lines.push(term.buffer.active.getLine(i)!.translateToString(true).trimEnd());
    while (lines.length && lines[lines.length - 1] === "") lines.pop();
    return { lines, cursor: [term.buffer.active.cursorY, term.buffer.active.cursorX] };
  };
  return { editor, submitted, screen };
}

it("prints a job's output above the prompt and keeps the half-typed line, cursor included", async () => {
  const { editor, submitted, screen } = setup();
  editor.start("$ ");
  editor.input("curl localhost:80");
  editor.input("\x1b[D\x1b[D");
  editor.printAbove("Handling connection for 8080\n");
  editor.printAbove("partial");
  expect(await screen()).toEqual({ lines: ["Handling connection for 8080", "partial", "$ curl localhost:80"], cursor: [2, 17] });
  editor.input("\r");
  expect(submitted).toEqual(["curl localhost:80"]);
});

it("keeps a line that wraps over two rows whole", async () => {
  const { editor, screen } = setup(20);
  editor.start("root@cp:~# ");
  editor.input("kubectl get pods -A -o wide");
  editor.printAbove("tick 1\n");
  expect((await screen()).lines).toEqual(["tick 1", "root@cp:~# kubectl g", "et pods -A -o wide"]);
});

it("writes output as it is while a command runs (the editor is not editing)", async () => {
  const { editor, screen } = setup();
  editor.start("$ ");
  editor.input("sleep 5\r");
  editor.printAbove("job output\n");
  expect((await screen()).lines).toEqual(["$ sleep 5", "job output"]);
});
