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
export function attachStreamingUpgrades(server: Server, env: Environment, follow: () => void): { destroyAll(): void } {
  // Upgraded sockets leave the HTTP server's connection list, so closeAllConnections misses them,
  // and a client that never answers the close frame would hold server.close() for ws's 30 s timeout.
  const open = new Set<Duplex>();
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const m = /^\/clusters\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const cluster = m ? env.clusters.get(decodeURIComponent(m[1])) : undefined;
    if (!cluster) return;
    follow();
    open.add(socket);
    socket.once("close", () => open.delete(socket));
    try {
      if (!handleStreamingUpgrade(cluster, req, socket, head, m![2] ?? "/", url.searchParams, { sleep: wallSleep })) socket.destroy();
    } catch {
      // One broken stream must not take the served environment down.
      socket.destroy();
    }
  });
  return {
    destroyAll: () => {
      for (const socket of open) socket.destroy();
    },
  };
}
