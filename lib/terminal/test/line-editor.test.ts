// The browser's line editor, drawn on a real (headless) xterm so the tests read the screen the
// learner would see, and the lines that would go to the server.
import xtermHeadless from "@xterm/headless";
import { describe, expect, it } from "vitest";
import { formatColumns, LineEditor, visibleWidth } from "../line-editor";

const { Terminal } = xtermHeadless;

function setup(columns = 40) {
  const term = new Terminal({ cols: columns, rows: 10, allowProposedApi: true });
  const submitted: string[] = [];
  const completions: [string, number][] = [];
  let interrupts = 0;
  let suspends = 0;
  let eof = 0;
  const typed: string[] = [];
  const editor = new LineEditor(
    { write: (d) => term.write(d), columns: () => term.cols },
    {
      submit: (line) => submitted.push(line),
      complete: (line, cursor) => completions.push([line, cursor]),
      interrupt: () => interrupts++,
      suspend: () => suspends++,
      endOfInput: () => eof++,
      input: (data) => typed.push(data),
      clearScreen: () => term.write("\x1b[H\x1b[2J"),
    },
  );
  const flush = () => new Promise<void>((resolve) => term.write("", resolve));
  const screen = async () => {
    await flush();
    const lines: string[] = [];
    for (let i = 0; i < term.buffer.active.length; i++) lines.push(term.buffer.active.getLine(i)!.translateToString(true).trimEnd());
    while (lines.length && lines[lines.length - 1] === "") lines.pop();
    return lines;
  };
  const cursor = async () => {
    await flush();
    return [term.buffer.active.cursorY, term.buffer.active.cursorX];
  };
  return { term, editor, submitted, completions, typed, screen, cursor, counts: () => ({ interrupts, eof, suspends }) };
}

describe("line editor", () => {
  it("edits in the middle of the line with cursor keys, Home/End and Ctrl-A/E", async () => {
    const t = setup();
    t.editor.start("$ ");
    t.editor.input("kubectl get po");
    t.editor.input("\x1b[D\x1b[D"); // two left: before "po"
    t.editor.input("-A "); // "kubectl get -A po"
    t.editor.input("\x01"); // Ctrl-A
    t.editor.input("sudo ");
    t.editor.input("\x05!"); // Ctrl-E, then type
    expect(t.editor.line).toBe("sudo kubectl get -A po!");
    t.editor.input("\x7f"); // backspace
    expect(await t.screen()).toEqual(["$ sudo kubectl get -A po"]);
    expect(await t.cursor()).toEqual([0, 24]);
    t.editor.input("\r");
    expect(t.submitted).toEqual(["sudo kubectl get -A po"]);
    expect(t.editor.accepting).toBe(false);
  });

  it("cuts and yanks like bash: Ctrl-U, Ctrl-K, Ctrl-W, Ctrl-Y", async () => {
    const t = setup();
    t.editor.start("$ ");
    t.editor.input("kubectl delete pod web --force");
    t.editor.input("\x17"); // Ctrl-W removes "--force"
    expect(t.editor.line).toBe("kubectl delete pod web ");
    t.editor.input("\x01\x1bf"); // Ctrl-A, Alt-F: after "kubectl"
    t.editor.input("\x0b"); // Ctrl-K
    expect(t.editor.line).toBe("kubectl");
    t.editor.input("\x19"); // Ctrl-Y puts it back
    expect(t.editor.line).toBe("kubectl delete pod web ");
    t.editor.input("\x15"); // Ctrl-U
    expect(t.editor.line).toBe("");
    expect(await t.screen()).toEqual(["$"]);
  });

  it("walks history with Up/Down and keeps the line being typed", async () => {
    const t = setup();
    t.editor.setHistory(["kubectl get nodes", "kubectl get pods"]);
    t.editor.start("$ ");
    t.editor.input("echo draft");
    t.editor.input("\x1b[A");
    expect(t.editor.line).toBe("kubectl get pods");
    t.editor.input("\x1b[A\x1b[A"); // stops at the oldest
    expect(t.editor.line).toBe("kubectl get nodes");
    t.editor.input("\x1b[B\x1b[B");
    expect(t.editor.line).toBe("echo draft");
    expect(await t.screen()).toEqual(["$ echo draft"]);
  });

  it("searches history backwards with Ctrl-R and runs the match on Enter", async () => {
    const t = setup(60);
    t.editor.setHistory(["kubectl get nodes", "kubectl describe pod web", "ls /etc/kubernetes"]);
    t.editor.start("$ ");
    t.editor.input("\x12kube");
    expect(t.editor.line).toBe("ls /etc/kubernetes");
    expect((await t.screen())[0]).toBe("(reverse-i-search)`kube': ls /etc/kubernetes");
    t.editor.input("\x12"); // older match
    expect(t.editor.line).toBe("kubectl describe pod web");
    t.editor.input("\x12");
    expect(t.editor.line).toBe("kubectl get nodes");
    t.editor.input("\r");
    expect(t.submitted).toEqual(["kubectl get nodes"]);
  });

  it("gives the line back when a search is cancelled with Ctrl-G", () => {
    const t = setup();
    t.editor.setHistory(["kubectl get nodes"]);
    t.editor.start("$ ");
    t.editor.input("echo hi\x12node\x07");
    expect(t.editor.line).toBe("echo hi");
  });

  it("completes a single candidate with a space, and lists several on the second Tab", async () => {
    const t = setup(40);
    t.editor.start("$ ");
    t.editor.input("kubectl get dep\t");
    expect(t.completions).toEqual([["kubectl get dep", 15]]);
    t.editor.completions({ items: ["deployments"], start: 12, end: 15, line: "kubectl get dep", cursor: 15 });
    expect(t.editor.line).toBe("kubectl get deployments ");
    t.editor.input("\x15cat /etc/kube\t");
    t.editor.completions({ items: ["kubernetes/"], start: 4, end: 13, line: "cat /etc/kube", cursor: 13 });
    expect(t.editor.line).toBe("cat kubernetes/");
    t.editor.input("\x15ls no\t");
    t.editor.completions({ items: ["node01", "node02"], start: 3, end: 5, line: "ls no", cursor: 5 });
    expect(t.editor.line).toBe("ls node0");
    // The next Tab on the same ambiguous word lists the candidates and redraws the line.
    t.editor.input("\t");
    t.editor.completions({ items: ["node01", "node02"], start: 3, end: 8, line: "ls node0", cursor: 8 });
    expect(await t.screen()).toEqual(["$ ls node0", "node01  node02", "$ ls node0"]);
    // A stale answer (the line changed meanwhile) is ignored.
    t.editor.input("1");
    t.editor.completions({ items: ["zzz"], start: 0, end: 2, line: "ls", cursor: 2 });
    expect(t.editor.line).toBe("ls node01");
  });

  it("wraps long lines and keeps the cursor where the user is editing", async () => {
    const t = setup(20);
    t.editor.start("root@cp:~# ");
    t.editor.input("kubectl get pods --all-namespaces");
    expect(await t.screen()).toEqual(["root@cp:~# kubectl g", "et pods --all-namesp", "aces"]);
    t.editor.input("\x01");
    expect(await t.cursor()).toEqual([0, 11]);
    t.editor.input("\x1b[1;5C\x1b[1;5C"); // Ctrl-Right twice: after "get"
    expect(await t.cursor()).toEqual([1, 2]);
    t.editor.input("X");
    expect(await t.screen()).toEqual(["root@cp:~# kubectl g", "etX pods --all-names", "paces"]);
  });

  it("runs each line of a pasted here-document at the next prompt", () => {
    const t = setup();
    t.editor.start("$ ");
    t.editor.input("\x1b[200~cat <<EOF > a.yaml\nkind: Pod\nEOF\n\x1b[201~");
    expect(t.submitted).toEqual(["cat <<EOF > a.yaml"]);
    t.editor.start("> ");
    expect(t.submitted).toEqual(["cat <<EOF > a.yaml", "kind: Pod"]);
    t.editor.start("> ");
    expect(t.submitted).toEqual(["cat <<EOF > a.yaml", "kind: Pod", "EOF"]);
    t.editor.start("$ ");
    expect(t.editor.line).toBe("");
  });

  it("turns Ctrl-C into an interrupt, at the prompt and while a command runs", async () => {
    const t = setup();
    t.editor.start("$ ");
    t.editor.input("sleep 100");
    t.editor.input("\x03");
    expect(t.counts().interrupts).toBe(1);
    expect(await t.screen()).toEqual(["$ sleep 100^C"]);
    expect(t.editor.accepting).toBe(false);
    t.editor.start("$ ");
    t.editor.input("sleep 100\r");
    t.editor.input("\x03");
    expect(t.counts().interrupts).toBe(2);
    t.editor.start("$ ");
    t.editor.input("\x04");
    expect(t.counts().eof).toBe(1);
  });

  it("sends Ctrl-Z while a command runs or reads the terminal; at the prompt it does nothing, as in bash", async () => {
    const t = setup();
    t.editor.start("$ ");
    t.editor.input("sleep 1");
    t.editor.input("\x1a");
    expect(t.counts().suspends).toBe(0);
    expect(t.editor.line).toBe("sleep 1");
    t.editor.input("00\r");
    expect(t.submitted).toEqual(["sleep 100"]);
    t.editor.input("\x1a");
    expect(t.counts().suspends).toBe(1);
    t.editor.startInput("");
    t.editor.input("half a li");
    t.editor.input("\x1a");
    expect(t.counts().suspends).toBe(2);
    expect(t.editor.accepting).toBe(false);
    expect(t.typed).toEqual([]);
    // The server echoes ^Z (its scrollback keeps it); the editor draws nothing of its own.
    expect(await t.screen()).toEqual(["$ sleep 100", "half a li"]);
  });

  it("edits lines for a program reading the terminal: Enter sends a line, Ctrl-D sends end of input", async () => {
    const t = setup();
    t.editor.setHistory(["kubectl get pods"]);
    t.editor.start("$ ");
    t.editor.input("cat > notes\r");
    // Typed ahead before the server said cat reads: kept for it, as a terminal would.
    t.editor.input("first\r");
    t.editor.startInput("");
    expect(t.typed).toEqual(["first\n"]);
    t.editor.startInput("");
    // No history, completion or screen clearing for a program's input.
    t.editor.input("sec\x1b[A\t\x0cond\r");
    expect(t.typed).toEqual(["first\n", "second\n"]);
    t.editor.startInput("");
    t.editor.input("\x04");
    expect(t.typed).toEqual(["first\n", "second\n", ""]);
    expect(t.counts().eof).toBe(0);
    expect(t.submitted).toEqual(["cat > notes"]);
    expect(await t.screen()).toEqual(["$ cat > notes", "first", "second"]);
    // What went to the program is not shell history.
    t.editor.start("$ ");
    t.editor.input("\x1b[A");
    expect(t.editor.line).toBe("cat > notes");
  });

  it("redraws a read -p prompt already on screen, and Ctrl-D after text hands the text over", async () => {
    const t = setup();
    t.term.write("Namespace: ");
    t.editor.startInput("Namespace: ");
    t.editor.input("devx\x7f");
    expect(await t.screen()).toEqual(["Namespace: dev"]);
    t.editor.input("\x04");
    expect(t.typed).toEqual(["dev"]);
    expect(t.editor.accepting).toBe(false);
  });

  it("measures prompts without their colour codes, and lays out candidates in columns", () => {
    expect(visibleWidth("\x1b[01;32mroot@cp\x1b[00m:~# ")).toBe(11);
    expect(formatColumns(["a", "bb", "ccc", "d"], 12)).toBe("a    ccc\r\nbb   d\r\n");
  });
});
