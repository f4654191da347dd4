import { describe, expect, it } from "vitest";
import { registerCompleter } from "../completion";
import { createTerminal } from "../terminal";
import { freshEnvironment, testPrograms } from "./helpers";

describe("tab completion", () => {
  it("completes commands, files, variables and a program's own words through its alias or complete -F", async () => {
    registerCompleter("fakectl", ({ args, toComplete }) => (args[0] === "get" ? ["pods", "nodes", "namespaces"] : ["get", "describe"]).filter((w) => w.startsWith(toComplete)));
    const programs = testPrograms({ fakectl: async () => 0 });
    const terminal = createTerminal(freshEnvironment(), { programs });
    await terminal.exec("alias f=fakectl; complete -o default -F __start_fakectl fk");
    expect(await terminal.complete("syst")).toEqual({ items: ["systemctl"], start: 0, end: 4 });
    expect(await terminal.complete("cat /etc/host")).toEqual({ items: ["/etc/hostname", "/etc/hosts"], start: 4, end: 13 });
    expect(await terminal.complete("ls ~/.bas")).toEqual({ items: ["~/.bashrc"], start: 3, end: 9 });
    expect(await terminal.complete("echo $HOS")).toEqual({ items: ["$HOSTNAME", "$HOSTTYPE"], start: 5, end: 9 });
    expect(await terminal.complete("f get n")).toEqual({ items: ["namespaces", "nodes"], start: 6, end: 7 });
    expect(await terminal.complete("fk des")).toEqual({ items: ["describe"], start: 3, end: 6 });
    expect(await terminal.complete("fakectl get pods; f ")).toEqual({ items: ["describe", "get"], start: 20, end: 20 });
  });
});
