import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runScript } from "../script";
import { createTerminal, type Terminal } from "../terminal";
import { freshEnvironment } from "./helpers";

const SCENARIO = join(__dirname, "../../../scenarios/cka/services-networking/expose-clusterip");

async function type(terminal: Terminal, lines: string[]): Promise<string> {
  let screen = "";
  for (const line of lines) {
    screen += `$ ${line}\n`;
    await terminal.exec(line, (data) => (screen += data));
  }
  return screen;
}

it("kubectl port-forward & then curl, then kill %1: the forward ends and curl fails as on a real machine", async () => {
  const env = freshEnvironment();
  for (const file of ["setup.sh", "solution.sh"]) {
    const result = await runScript(env, { script: readFileSync(join(SCENARIO, file), "utf8") });
    expect(result.exitCode).toBe(0);
  }
  const terminal = createTerminal(env);
  await terminal.ready;
  const start = env.clock.now();
  const screen = await type(terminal, [
    "kubectl -n warehouse port-forward svc/inventory-svc 8080:8080 &",
    "curl -s localhost:8080 | grep title",
    "jobs",
    "kill %1",
    "curl -s localhost:8080; echo $?",
  ]);
  expect(screen).toBe(
    [
      "$ kubectl -n warehouse port-forward svc/inventory-svc 8080:8080 &",
      "[1] 1001",
      "Forwarding from 127.0.0.1:8080 -> 80",
      "Forwarding from [::1]:8080 -> 80",
      "$ curl -s localhost:8080 | grep title",
      "Handling connection for 8080",
      // ~/.bashrc's alias grep='grep --color=auto' colours the matches on the terminal.
      "<\x1b[01;31m\x1b[Ktitle\x1b[m\x1b[K>Welcome to nginx!</\x1b[01;31m\x1b[Ktitle\x1b[m\x1b[K>",
      "$ jobs",
      "[1]+  Running                 kubectl -n warehouse port-forward svc/inventory-svc 8080:8080 &",
      "$ kill %1",
      "[1]+  Terminated              kubectl -n warehouse port-forward svc/inventory-svc 8080:8080",
      "$ curl -s localhost:8080; echo $?",
      "7",
      "",
    ].join("\n"),
  );
  // The forward waited in the background: the foreground's clock did not move for it.
  expect(env.clock.now() - start).toBe(0);
}, 120_000);

it("kubectl get pods -w & prints changes as the foreground works, and nothing once killed", async () => {
  const env = freshEnvironment();
  const setup = await runScript(env, { script: readFileSync(join(SCENARIO, "setup.sh"), "utf8") });
  expect(setup.exitCode).toBe(0);
  const terminal = createTerminal(env);
  await terminal.ready;
  const started = await type(terminal, ["kubectl -n warehouse get pods -w &"]);
  // The watch lists what is there at once, as the real one does.
  expect(started.match(/^inventory-\S+ +1\/1 +Running /gm)).toHaveLength(2);
  const scaled = await type(terminal, ["kubectl -n warehouse scale deployment inventory --replicas=3", "sleep 10"]);
  expect(scaled).toMatch(/deployment.apps\/inventory scaled\n/);
  expect(scaled).toMatch(/^inventory-\S+ +0\/1 +Pending /m);
  expect(scaled.match(/^inventory-\S+ +1\/1 +Running /gm)).toHaveLength(1);
  expect(await type(terminal, ["kill %1"])).toBe("$ kill %1\n[1]+  Terminated              kubectl -n warehouse get pods -w\n");
  const after = await type(terminal, ["kubectl -n warehouse scale deployment inventory --replicas=1", "sleep 10"]);
  expect(after).toBe("$ kubectl -n warehouse scale deployment inventory --replicas=1\ndeployment.apps/inventory scaled\n$ sleep 10\n");
}, 120_000);
