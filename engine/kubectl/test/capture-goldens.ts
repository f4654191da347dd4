/**
 * Records what the real kubectl prints for client-side generators (`--dry-run=client -o yaml|json`)
 * into goldens/generators.json; generators.test.ts replays each line through the emulator.
 * Needs a running `kubecoach serve` for the generators that consult discovery (role, run, …):
 *   npx kubecoach serve --port 7120 --kubeconfig /tmp/kc/config &
 *   npx tsx engine/kubectl/test/capture-goldens.ts /tmp/kc/config
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { GENERATOR_FILES, GENERATOR_LINES } from "./generator-lines";
import { splitArgs } from "./harness";

const KUBECTL = process.env.KUBECTL ?? "/usr/lib/google-cloud-sdk/bin/kubectl.1.33";
const kubeconfig = process.argv[2] ?? "/tmp/kc/config";
const goldens: Record<string, { stdout: string; stderr: string; code: number }> = {};
for (const [path, content] of Object.entries(GENERATOR_FILES)) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
for (const line of GENERATOR_LINES) {
  const r = spawnSync(KUBECTL, splitArgs(line), { encoding: "utf8", env: { PATH: "/usr/bin:/bin", HOME: "/tmp/kc-home", KUBECONFIG: kubeconfig } as unknown as NodeJS.ProcessEnv });
  goldens[line] = { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}
writeFileSync(join(import.meta.dirname, "goldens", "generators.json"), JSON.stringify(goldens, null, 1) + "\n");
process.stdout.write(`${Object.keys(goldens).length} goldens written\n`);
