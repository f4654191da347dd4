import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { Environment } from "../../cluster/environment";
import { handleStreamingUpgrade } from "./upgrade";
import { wallSleep } from "../wall-sleep";

/**
 * Adds exec, attach and port-forward upgrades to `kubecoach serve`'s HTTPS server: paths
 * /clusters/<name>/api/v1/namespaces/<ns>/pods/<pod>/{exec,attach,portforward}. Commands sleep on
 * the wall clock there, since the served environment's clock follows it (`follow` catches it up).
 */
export function attachStreamingUpgrades(server: Server, env: Environment, follow: () => void): void {
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const m = /^\/clusters\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const cluster = m ? env.clusters.get(decodeURIComponent(m[1])) : undefined;
    if (!cluster) return;
    follow();
    try {
      if (!handleStreamingUpgrade(cluster, req, socket, head, m![2] ?? "/", url.searchParams, { sleep: wallSleep })) socket.destroy();
    } catch {
      // One broken stream must not take the served environment down.
      socket.destroy();
    }
  });
}
