import type { ProgramContext } from "../../process/types";
import type { FlagValues } from "../cli/flags";
import { Discovery } from "./discovery";
import { discoveryCacheDir, DiskDiscoveryCache, joinPath } from "./disk-cache";
import { homeDirectory, loadKubeconfig, resolveConfig, type KubeconfigSet, type ResolvedConfig } from "./kubeconfig";
import { RestClient } from "./rest";
import { Transport } from "./transport";

/**
 * kubectl's cmdutil.Factory for one invocation: the kubeconfig (loaded once, on first use, so
 * commands such as `version --client` work without one), the namespace, the transport to the
 * cluster, discovery and a REST client.
 */
export class Factory {
  private loaded?: KubeconfigSet;
  private resolvedConfig?: ResolvedConfig;
  private transportInstance?: Transport;
  private discoveryInstance?: Discovery;
  private restInstance?: RestClient;

  constructor(
    readonly ctx: ProgramContext,
    readonly globals: FlagValues,
  ) {}

  /** A stable stand-in for the process id klog prints (derived from the cluster clock). */
  get pid(): number {
    return 1000 + (Math.floor(this.ctx.environment.clock.now() / 1000) % 60000);
  }

  get verbosity(): number {
    return this.global("v") === "" ? 0 : Number(this.global("v"));
  }

  /** A global flag's value, unless the command has its own flag of that name (`create rolebinding --user`). */
  global(name: string): string {
    return this.globals.defs.get(name)?.global ? this.globals.string(name) : "";
  }

  kubeconfig(): KubeconfigSet {
    if (!this.loaded) {
      this.loaded = loadKubeconfig(this.ctx.host.fs, {
        explicitPath: this.global("kubeconfig") || undefined,
        env: this.ctx.env,
        cwd: this.ctx.cwd,
        user: this.ctx.user,
      });
      if (this.verbosity >= 6) {
        const source = this.loaded.files.find((f) => f.exists);
        if (source) this.log(`Config loaded from file:  ${source.path}`, "loader.go:402");
      }
    }
    return this.loaded;
  }

  config(): ResolvedConfig {
    if (!this.resolvedConfig) {
      this.resolvedConfig = resolveConfig(this.kubeconfig(), {
        context: this.global("context") || undefined,
        cluster: this.global("cluster") || undefined,
        user: this.global("user") || undefined,
        namespace: this.global("namespace") || undefined,
        server: this.global("server") || undefined,
        token: this.global("token") || undefined,
      }, this.ctx.host.fs);
    }
    return this.resolvedConfig;
  }

  /** The namespace of the request and whether it was given explicitly (-n or the context). */
  namespace(): { namespace: string; explicit: boolean } {
    const config = this.config();
    return { namespace: config.namespace, explicit: config.namespaceExplicit };
  }

  transport(): Transport {
    if (!this.transportInstance) {
      const config = this.config();
      if (this.verbosity >= 6) {
        for (const [gate, on] of FEATURE_GATES) this.log(`"Feature gate default state" feature="${gate}" enabled=${on}`, "envvar.go:172");
      }
      this.transportInstance = new Transport(this.ctx, config, {
        verbosity: this.verbosity,
        pid: this.pid,
        impersonate: {
          user: this.global("as") || undefined,
          groups: this.globals.defs.get("as-group")?.global ? this.globals.strings("as-group") : [],
          uid: this.global("as-uid") || undefined,
        },
      });
    }
    return this.transportInstance;
  }

  discovery(): Discovery {
    if (!this.discoveryInstance) {
      const warned = new Set<string>();
      const transport = this.transport();
      this.discoveryInstance = new Discovery(transport, {
        warn: (text) => {
          if (warned.has(text)) return;
          warned.add(text);
          this.ctx.stderr(text);
        },
        cache: new DiskDiscoveryCache(this.ctx.host.fs, discoveryCacheDir(this.cacheDir(), this.config().server), () => this.ctx.environment.clock.now()),
        log: (level, message, source) => {
          if (this.verbosity >= level) this.log(message, source);
        },
      });
    }
    return this.discoveryInstance;
  }

  /**
   * --cache-dir when given (and not the default), else $KUBECACHEDIR, else ~/.kube/cache
   * (genericclioptions.ConfigFlags; relative paths are relative to the working directory).
   */
  cacheDir(): string {
    const home = homeDirectory(this.ctx.user, this.ctx.env);
    const fallback = this.ctx.env.KUBECACHEDIR || `${home}/.kube/cache`;
    const flag = this.globals.defs.get("cache-dir")?.global && this.globals.isSet("cache-dir") ? this.globals.string("cache-dir") : "";
    const dir = flag && flag !== fallback ? flag : fallback;
    return dir.startsWith("/") ? joinPath(dir) : joinPath(this.ctx.cwd, dir);
  }

  rest(): RestClient {
    if (!this.restInstance) this.restInstance = new RestClient(this.transport());
    return this.restInstance;
  }

  log(message: string, source: string): void {
    this.transportLogger(message, source);
  }

  private transportLogger(message: string, source: string): void {
    const now = this.ctx.environment.clock.now();
    const d = new Date(now);
    const two = (n: number) => String(n).padStart(2, "0");
    const stamp = `${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, "0")}`;
    this.ctx.stderr(`I${stamp} ${String(this.pid).padStart(7)} ${source}] ${message}\n`);
  }
}

/** client-go's feature gates that kubectl logs at -v=6 (its own order varies from run to run). */
const FEATURE_GATES: [string, boolean][] = [
  ["WatchListClient", false],
  ["ClientsAllowCBOR", false],
  ["ClientsPreferCBOR", false],
  ["InformerResourceVersion", false],
  ["InOrderInformers", true],
];
