import { registerCommand, type CommandContext } from "../../cli/command";
import { usageError } from "../../cli/errors";
import { serializeKubeconfig, type Kubeconfig, type KubeconfigSet } from "../../client/kubeconfig";
import { objectPrinter, printOptionsFrom } from "../../printers";
import { TabWriter } from "../../printers/tabwriter";

/**
 * `kubectl config`: reads the merged kubeconfig and edits the file that defines a stanza (or the
 * first file for new ones), as clientcmd's ModifyConfig does, on the host's filesystem.
 */
function set(c: CommandContext): KubeconfigSet {
  return c.factory.kubeconfig();
}

function save(c: CommandContext, mutate: (config: Kubeconfig, dir: string) => void, pick: (s: KubeconfigSet) => number = () => 0): void {
  const s = set(c);
  const index = Math.max(0, pick(s));
  const file = s.files[index] ?? s.files[0];
  // The loaded config is shared and frozen (parsed once per file text): the edit works on a copy.
  file.config = structuredClone(file.config);
  const dir = file.path.replace(/\/[^/]+$/, "") || "/";
  mutate(file.config, dir);
  c.ctx.host.fs.mkdirSync(dir, { recursive: true });
  c.ctx.host.fs.writeFileSync(file.path, serializeKubeconfig(file.config));
}

function absolute(c: CommandContext, path: string): string {
  return path.startsWith("/") || path === "" ? path : `${c.ctx.cwd.replace(/\/$/, "")}/${path}`;
}

/**
 * A file path as ModifyConfig writes it: absolute, or relative to the kubeconfig's own directory
 * when the file lies under it (RelativizePathWithNoBacksteps).
 */
function storedPath(c: CommandContext, dir: string, path: string): string {
  const full = absolute(c, path);
  const prefix = `${dir.replace(/\/$/, "")}/`;
  return full.startsWith(prefix) ? full.slice(prefix.length) : full;
}

/** What clientcmd's validate says when a file to embed is missing: `could not stat <flag> file <path>: …`. */
function mustStat(c: CommandContext, flag: string, path: string): void {
  if (!c.ctx.host.fs.existsSync(absolute(c, path))) throw new Error(`could not stat ${flag} file ${path}: stat ${path}: no such file or directory`);
}

/** A file's bytes for a `*-data` field, base64 as the YAML stores them. */
function fileData(c: CommandContext, path: string): string {
  return Buffer.from(c.ctx.host.fs.readFileSync(absolute(c, path)) ?? "", "utf8").toString("base64");
}

function fileDefining(kind: "contexts" | "clusters" | "users", name: string): (s: KubeconfigSet) => number {
  return (s) => s.files.findIndex((f) => f.config[kind].some((x) => x.name === name));
}

function redacted(config: Kubeconfig, raw: boolean): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(config)) as Kubeconfig;
  if (!raw) {
    for (const cl of copy.clusters) if (cl.cluster["certificate-authority-data"]) cl.cluster["certificate-authority-data"] = "DATA+OMITTED";
    for (const u of copy.users) {
      for (const key of ["client-certificate-data", "client-key-data"]) if (u.user[key]) u.user[key] = "DATA+OMITTED";
      if (u.user.token) u.user.token = "REDACTED";
      if (u.user.password) u.user.password = "REDACTED";
    }
  }
  return {
    apiVersion: "v1",
    clusters: copy.clusters.length ? copy.clusters : null,
    contexts: copy.contexts.length ? copy.contexts : null,
    "current-context": copy["current-context"],
    kind: "Config",
    preferences: copy.preferences ?? {},
    users: copy.users.length ? copy.users : null,
  };
}

registerCommand("config view", (c) => {
  let config = set(c).merged;
  if (c.flags.bool("minify")) {
    const contextName = c.factory.global("context") || config["current-context"];
    const context = config.contexts.find((x) => x.name === contextName);
    if (!context) throw new Error(`current-context must exist in order to minify`);
    config = {
      ...config,
      "current-context": contextName,
      contexts: [context],
      clusters: config.clusters.filter((x) => x.name === context.context.cluster),
      users: config.users.filter((x) => x.name === context.context.user),
    };
  }
  const doc = redacted(config, c.flags.bool("raw") || c.flags.bool("flatten"));
  const output = c.flags.string("output") || "yaml";
  const printer = objectPrinter("config view", { ...printOptionsFrom(c.flags), output });
  c.out(printer!.print(doc));
  return 0;
});

registerCommand("config current-context", (c) => {
  const current = set(c).merged["current-context"];
  if (!current) throw new Error("current-context is not set");
  c.out(`${current}\n`);
  return 0;
});

registerCommand("config get-contexts", (c) => {
  const config = set(c).merged;
  const names = c.args.length ? c.args : config.contexts.map((x) => x.name).sort();
  if (c.flags.string("output") === "name") {
    c.out(names.map((n) => `${n}\n`).join(""));
    return 0;
  }
  if (c.flags.string("output")) throw new Error(`output must be one of '' or 'name'`);
  const w = new TabWriter((s) => c.out(s));
  if (!c.flags.bool("no-headers")) w.write("CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n");
  const missing: string[] = [];
  for (const name of names) {
    const ctx = config.contexts.find((x) => x.name === name);
    if (!ctx) {
      missing.push(name);
      continue;
    }
    w.write(`${config["current-context"] === name ? "*" : ""}\t${name}\t${ctx.context.cluster ?? ""}\t${ctx.context.user ?? ""}\t${ctx.context.namespace ?? ""}\n`);
  }
  w.flush();
  if (missing.length) throw new Error(`context ${missing.map((m) => `${m}`).join(", ")} not found`);
  return 0;
});

registerCommand("config get-clusters", (c) => {
  c.out("NAME\n" + set(c).merged.clusters.map((x) => `${x.name}\n`).join(""));
  return 0;
});

registerCommand("config get-users", (c) => {
  c.out("NAME\n" + set(c).merged.users.map((x) => `${x.name}\n`).join(""));
  return 0;
});

registerCommand("config use-context", (c) => {
  if (c.args.length !== 1) throw usageError(c.commandPath, "Unexpected args: " + JSON.stringify(c.args));
  const name = c.args[0];
  if (!set(c).merged.contexts.some((x) => x.name === name)) throw new Error(`no context exists with the name: "${name}"`);
  save(c, (config) => (config["current-context"] = name));
  c.out(`Switched to context "${name}".\n`);
  return 0;
});

registerCommand("config set-context", (c) => {
  const current = c.flags.bool("current");
  if (current && c.args.length > 0) throw new Error("you cannot specify both a context name and --current");
  const name = current ? set(c).merged["current-context"] : c.args[0];
  if (!name) throw new Error(current ? "no current context is set" : "you must specify a non-empty context name or --current");
  const exists = set(c).merged.contexts.some((x) => x.name === name);
  save(
    c,
    (config) => {
      let ctx = config.contexts.find((x) => x.name === name);
      if (!ctx) {
        ctx = { name, context: {} };
        config.contexts.push(ctx);
      }
      for (const [flag, key] of [["cluster", "cluster"], ["user", "user"], ["namespace", "namespace"]] as const) {
        if (c.flags.isSet(flag)) {
          const v = c.flags.string(flag);
          if (v) ctx.context[key] = v;
          else delete ctx.context[key];
        }
      }
    },
    fileDefining("contexts", name),
  );
  c.out(exists ? `Context "${name}" modified.\n` : `Context "${name}" created.\n`);
  return 0;
});

registerCommand("config delete-context", (c) => {
  const name = c.args[0];
  if (!name) throw usageError(c.commandPath, "Unexpected args: []");
  const s = set(c);
  if (!s.merged.contexts.some((x) => x.name === name)) throw new Error(`cannot delete context ${name}, not in ${s.files[0]?.path}`);
  if (s.merged["current-context"] === name) c.err(`warning: this removed your active context, use "kubectl config use-context" to select a different one\n`);
  save(c, (config) => (config.contexts = config.contexts.filter((x) => x.name !== name)), fileDefining("contexts", name));
  c.out(`deleted context ${name} from ${s.files[Math.max(0, fileDefining("contexts", name)(s))].path}\n`);
  return 0;
});

registerCommand("config rename-context", (c) => {
  if (c.args.length !== 2) throw usageError(c.commandPath, "Unexpected args: " + JSON.stringify(c.args));
  const [from, to] = c.args;
  const s = set(c);
  if (!s.merged.contexts.some((x) => x.name === from)) throw new Error(`cannot rename the context "${from}", it's not in ${s.files[0]?.path}`);
  if (s.merged.contexts.some((x) => x.name === to)) throw new Error(`cannot rename the context "${from}", the context "${to}" already exists in ${s.files[0]?.path}`);
  save(
    c,
    (config) => {
      const ctx = config.contexts.find((x) => x.name === from)!;
      ctx.name = to;
      if (config["current-context"] === from) config["current-context"] = to;
    },
    fileDefining("contexts", from),
  );
  c.out(`Context "${from}" renamed to "${to}".\n`);
  return 0;
});

registerCommand("config set-cluster", (c) => {
  const name = c.args[0];
  if (!name) throw usageError(c.commandPath, "Unexpected args: []");
  const embed = c.flags.bool("embed-certs");
  if (embed) {
    const ca = c.flags.string("certificate-authority");
    if (!ca) throw new Error("you must specify a --certificate-authority to embed");
    mustStat(c, "certificate-authority", ca);
  }
  const exists = set(c).merged.clusters.some((x) => x.name === name);
  save(
    c,
    (config, dir) => {
      let cl = config.clusters.find((x) => x.name === name);
      if (!cl) {
        cl = { name, cluster: {} };
        config.clusters.push(cl);
      }
      if (c.flags.isSet("server")) cl.cluster.server = c.flags.string("server");
      if (c.flags.isSet("insecure-skip-tls-verify")) cl.cluster["insecure-skip-tls-verify"] = c.flags.bool("insecure-skip-tls-verify");
      if (c.flags.isSet("certificate-authority")) {
        // clientcmd: embedded data, or the file's absolute path (either one replaces the other).
        const path = c.flags.string("certificate-authority");
        if (embed) cl.cluster["certificate-authority-data"] = fileData(c, path);
        else cl.cluster["certificate-authority"] = storedPath(c, dir, path);
        delete cl.cluster[embed ? "certificate-authority" : "certificate-authority-data"];
        delete cl.cluster["insecure-skip-tls-verify"];
      }
    },
    fileDefining("clusters", name),
  );
  c.out(`Cluster "${name}" ${exists ? "set" : "set"}.\n`);
  return 0;
});

registerCommand("config set-credentials", (c) => {
  const name = c.args[0];
  if (!name) throw usageError(c.commandPath, "Unexpected args: []");
  const methods = [c.flags.string("token") ? "--token" : "", c.flags.string("username") || c.flags.string("password") ? "--username/--password" : ""].filter(Boolean);
  if (methods.length > 1) throw new Error(`you cannot specify more than one authentication method at the same time: ${methods.join(", ")}`);
  const embed = c.flags.bool("embed-certs");
  if (embed) {
    const cert = c.flags.string("client-certificate");
    const key = c.flags.string("client-key");
    if (!cert && !key) throw new Error("you must specify a --client-certificate or --client-key to embed");
    if (cert) mustStat(c, "client-certificate", cert);
    if (key) mustStat(c, "client-key", key);
  }
  save(
    c,
    (config, dir) => {
      let u = config.users.find((x) => x.name === name);
      if (!u) {
        u = { name, user: {} };
        config.users.push(u);
      }
      for (const flag of ["client-certificate", "client-key"]) {
        if (!c.flags.isSet(flag)) continue;
        const path = c.flags.string(flag);
        if (embed) u.user[`${flag}-data`] = fileData(c, path);
        else u.user[flag] = storedPath(c, dir, path);
        delete u.user[embed ? flag : `${flag}-data`];
      }
      for (const flag of ["token", "username", "password"]) if (c.flags.isSet(flag)) u.user[flag] = c.flags.string(flag);
      // Setting a token or a username/password clears the other kind.
      const setToken = c.flags.isSet("token") && c.flags.string("token") !== "";
      const setBasic = c.flags.isSet("username") && c.flags.string("username") !== "";
      if (setToken && !setBasic) for (const k of ["username", "password"]) delete u.user[k];
      if (setBasic && !setToken) delete u.user.token;
    },
    fileDefining("users", name),
  );
  c.out(`User "${name}" set.\n`);
  return 0;
});

registerCommand("config unset", (c) => {
  const path = c.args[0];
  if (!path || c.args.length !== 1) throw usageError(c.commandPath, "Unexpected args: " + JSON.stringify(c.args));
  save(c, (config) => {
    const parts = path.split(".");
    if (parts[0] === "current-context") config["current-context"] = "";
    else if (["contexts", "clusters", "users"].includes(parts[0]) && parts[1]) {
      const key = parts[0] as "contexts" | "clusters" | "users";
      if (parts.length === 2) (config[key] as { name: string }[]) = (config[key] as { name: string }[]).filter((x) => x.name !== parts[1]);
      else {
        const entry = (config[key] as unknown as { name: string; [k: string]: unknown }[]).find((x) => x.name === parts[1]);
        const inner = entry?.[key === "contexts" ? "context" : key === "clusters" ? "cluster" : "user"] as Record<string, unknown> | undefined;
        if (inner) delete inner[parts.slice(2).join(".")];
      }
    } else throw new Error(`current map key \`${parts[0]}\` is invalid`);
  });
  c.out(`Property "${path}" unset.\n`);
  return 0;
});
