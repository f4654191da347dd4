import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Environment } from "../engine/cluster/environment";
import { adminKubeconfig, serveEnvironment } from "../engine/http/serve";

export interface ServeArgs {
  port?: number;
  kubeconfig?: string;
  scenario?: string;
}

/** `kubecoach serve`: one environment on loopback, a kubeconfig for it, one ready line. */
export async function serve(args: ServeArgs, createEnvironment: (scenario?: string) => Promise<Environment>): Promise<void> {
  const env = await createEnvironment(args.scenario);
  const running = await serveEnvironment(env, { port: args.port ?? 0 });
  const kubeconfigPath = resolve(args.kubeconfig ?? "kubeconfig.kubecoach");
  mkdirSync(dirname(kubeconfigPath), { recursive: true });
  writeFileSync(kubeconfigPath, adminKubeconfig(env, { baseUrl: running.url, caPem: running.caPem }), { mode: 0o600 });
  process.stdout.write(`kubecoach serving ${running.url} (kubeconfig: ${kubeconfigPath})\n`);
  const stop = () => {
    running.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

export function defaultEnvironment(): Promise<Environment> {
  return Promise.resolve(Environment.create(undefined, { startTime: Date.now(), seed: Date.now() % 2 ** 31 }));
}
