import { registerCommand, type CommandContext } from "../../cli/command";
import { ExitError } from "../../cli/errors";
import { klogLine } from "../../client/klog";
import { WAIT_STEP_MS } from "../../client/wait-loop";
import { proxyServer, regexpList, type ProxyFilter } from "./proxy-server";

/**
 * `kubectl proxy`: listens on the machine kubectl runs on (127.0.0.1:8001 unless told otherwise)
 * and passes what arrives there to the API server with the kubeconfig's credentials, so
 * `curl localhost:8001/api/v1/...` works without certificates, until Ctrl-C or `kill %1`.
 */
const DEFAULT_PORT = 8001;
/** Linux's ip_local_port_range: where a port of 0 lands. */
const EPHEMERAL_FIRST = 32768;
const EPHEMERAL_COUNT = 28232;

/** Where to bind and how Go's listener names the address afterwards (`[::]:8001` for all). */
function bindAddress(c: CommandContext, address: string, port: number): { bind: string; shown: string } {
  const hostPort = `${address}:${port}`;
  if (address === "" || address === "0.0.0.0" || address === "::" || address === "[::]") return { bind: "0.0.0.0", shown: `[::]:${port}` };
  if (address === "localhost") return { bind: "127.0.0.1", shown: `127.0.0.1:${port}` };
  if (address === "::1" || address === "[::1]") return { bind: "127.0.0.1", shown: `[::1]:${port}` };
  if (/^127\.\d+\.\d+\.\d+$/.test(address) || address === c.ctx.host.ip) return { bind: address, shown: hostPort };
  if (/^\d+\.\d+\.\d+\.\d+$/.test(address)) throw new Error(`listen tcp ${hostPort}: bind: cannot assign requested address`);
  // A name: what the machine's resolver makes of it.
  const resolved = c.ctx.environment.network?.resolve({ type: "host", host: c.ctx.host.name }, address);
  if (!resolved?.ok) throw new Error(`listen tcp: lookup ${address} on 127.0.0.53:53: no such host`);
  const ip = resolved.addresses[0];
  if (ip !== c.ctx.host.ip && !ip.startsWith("127.")) throw new Error(`listen tcp ${ip}:${port}: bind: cannot assign requested address`);
  return { bind: ip, shown: `${ip}:${port}` };
}

function filterOf(c: CommandContext): ProxyFilter | undefined {
  if (c.flags.bool("disable-filter")) return undefined;
  const compiled = (flag: string): RegExp[] => {
    const text = c.flags.string(flag);
    try {
      return regexpList(text);
    } catch {
      // MakeRegexpArrayOrDie: klog.Fatalf, which exits 255 (JavaScript's parser cannot say what Go's would).
      const line = "F" + klogLine("E", c.ctx.environment.clock.now(), c.factory.pid, "proxy_server.go:83", `Error compiling re: error parsing regexp: invalid regular expression: \`${text}\``).slice(1);
      throw new ExitError(line, 255);
    }
  };
  return { acceptPaths: compiled("accept-paths"), rejectPaths: compiled("reject-paths"), acceptHosts: compiled("accept-hosts"), rejectMethods: compiled("reject-methods") };
}

registerCommand("proxy", async (c) => {
  const ctx = c.ctx;
  const warn = (source: string, message: string) => c.err(klogLine("W", ctx.environment.clock.now(), c.factory.pid, source, message));
  const config = c.factory.config();
  let apiPrefix = c.flags.string("api-prefix");
  if (!apiPrefix.endsWith("/")) apiPrefix += "/";
  const serverPath = (() => {
    try {
      return new URL(config.server).pathname.replace(/\/+$/, "");
    } catch {
      return "";
    }
  })();
  if (serverPath && !c.flags.bool("append-server-path")) warn("proxy.go:172", `Your kube context contains a server path ${serverPath}, use --append-server-path to automatically append the path to each request`);
  const filter = filterOf(c);
  if (!filter && !c.flags.string("unix-socket")) warn("proxy.go:177", "Request filter disabled, your proxy is vulnerable to XSRF attacks, please be cautious");
  const port = c.flags.int("port");
  if (port !== DEFAULT_PORT && c.flags.string("unix-socket")) throw new Error("cannot set --unix-socket and --port at the same time");
  if (c.flags.string("unix-socket")) throw new Error("kubectl proxy --unix-socket is not available in Kubecoach yet");
  if (c.flags.string("www")) throw new Error("kubectl proxy --www (static files) is not available in Kubecoach yet");
  if (port < 0 || port > 65535) throw new Error(`listen tcp: address ${port}: invalid port`);
  const network = ctx.environment.network;
  if (!network?.listenHttp) throw new Error("kubectl proxy is not available in this Kubecoach environment");
  const actualPort = port === 0 ? EPHEMERAL_FIRST + ctx.environment.random.int(EPHEMERAL_COUNT) : port;
  const { bind, shown } = bindAddress(c, c.flags.string("address"), actualPort);
  if (actualPort < 1024 && ctx.user !== "root") throw new Error(`listen tcp ${bind}:${actualPort}: bind: permission denied`);
  const transport = c.factory.transport();
  const server = proxyServer({
    apiPrefix,
    filter,
    send: (request) => transport.request(request),
    logError: (message) => c.err(klogLine("E", ctx.environment.clock.now(), c.factory.pid, "proxy_server.go:147", message)),
    now: () => ctx.environment.clock.now(),
    auditId: () => ctx.environment.random.uuid(),
  });
  const stop = network.listenHttp(ctx.host.name, bind, actualPort, server);
  if (typeof stop !== "function") throw new Error(stop.error);
  try {
    c.out(`Starting to serve on ${shown}\n`);
    // Serving lasts until Ctrl-C or a signal ends the command.
    for (;;) {
      if (ctx.signal.aborted) return 0;
      const before = ctx.environment.clock.now();
      await ctx.sleep(WAIT_STEP_MS);
      // A simulation whose clock does not move (paused) can bring no request: stop serving.
      if (ctx.environment.clock.now() === before && !ctx.signal.aborted) return 0;
    }
  } finally {
    stop();
  }
});
