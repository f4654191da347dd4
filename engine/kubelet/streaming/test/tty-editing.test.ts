import { describe, expect, it } from "vitest";
import "../../../programs-index";
import { createPod, lab, podRow, waitFor } from "../../test/helpers";
import type { RemoteCommandSession } from "../session";

/**
 * `kubectl exec -it POD -- sh` from a real kubectl sends raw keystrokes: the container's shell
 * edits the line as busybox ash does (cursor keys, history, Tab) before running it.
 */
describe("keystrokes to a container shell over a tty", () => {
  it("edits lines, recalls history with the arrow keys, completes with Tab, ends on Ctrl-D", async () => {
    const env = lab();
    const c = env.cluster();
    createPod(c, { metadata: { name: "box" }, spec: { containers: [{ name: "b", image: "busybox", command: ["sleep", "1d"] }] } });
    waitFor(env, () => podRow(c, "default", "box").status === "Running");
    const query = new URLSearchParams([["command", "sh"], ["stdin", "true"], ["stdout", "true"], ["tty", "true"]]);
    const response = c.apiserver.handle({ method: "POST", path: "/api/v1/namespaces/default/pods/box/exec", query, user: { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] } });
    const session = response.upgrade as RemoteCommandSession;
    let screen = "";
    const done = session.start((_stream, data) => (screen += data));
    // Typed ahead: keys arriving while a line runs wait for the next prompt, as in a real tty.
    const keys = [
      "echo one\r",
      "\x1b[A\r", // Up: the last line again
      "echo ac\x1b[Db\r", // Left, then insert before the cursor
      "ech\t two\r", // Tab completes the command name
      "echo x\x15echo three\r", // Ctrl-U drops what was typed
      "\x04", // Ctrl-D on an empty line: end of input
    ];
    session.writeStdin(keys.join(""));
    const status = await done;
    expect(status.status).toBe("Success");
    const printed = screen.split("\r\n").filter((l) => !l.includes("#"));
    expect(printed).toEqual(["one", "one", "abc", "two", "three", ""]);
    expect(screen).toContain("/ # echo one\r\none\r\n/ # ");
  });
});
