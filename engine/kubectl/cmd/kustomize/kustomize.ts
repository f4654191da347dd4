import { registerCommand, type CommandContext } from "../../cli/command";
import { kustomizeBuild, type BuildResult } from "../../kustomize/build";
import { joinPath } from "../../kustomize/loader";
import { KustomizeError } from "../../kustomize/resource";
import { toYaml } from "../../printers/yaml";

/** kubectl v1.33 prints kustomize's failures through cmdutil.CheckErr: `error: …`, exit 1. */
function commandFailed(message: string): Error {
  return new Error(message);
}

/** Builds a kustomization for `kubectl kustomize` and `-k`; deprecation notes go to stderr as kustomize prints them. */
export function buildKustomization(c: CommandContext, dir: string): BuildResult {
  return kustomizeBuild(c.ctx.host.fs, c.ctx.cwd, dir, (w) => c.err(w));
}

registerCommand("kustomize", (c) => {
  if (c.args.length > 1) throw commandFailed(`specify one path to kustomization.yaml`);
  if (c.flags.string("load-restrictor") !== "LoadRestrictionsRootOnly") throw commandFailed("--load-restrictor other than LoadRestrictionsRootOnly is not available in Kubecoach yet");
  if (c.flags.bool("enable-helm") || c.flags.bool("enable-alpha-plugins")) throw commandFailed("kustomize helm charts and plugins are not available in Kubecoach yet");
  let text: string;
  try {
    const { objects } = buildKustomization(c, c.args[0] ?? ".");
    text = objects.map((o) => toYaml(o)).join("---\n");
  } catch (e) {
    if (e instanceof KustomizeError) throw commandFailed(e.message);
    throw e;
  }
  const output = c.flags.string("output");
  if (output) {
    const fs = c.ctx.host.fs;
    const full = joinPath(c.ctx.cwd, output);
    if (fs.existsSync(full) && fs.isDirectorySync(full)) throw commandFailed("kubectl kustomize -o DIR (one file per object) is not available in Kubecoach yet");
    if (output.endsWith("/")) throw commandFailed(`open ${output}: is a directory`);
    fs.writeFileSync(full, text);
    return 0;
  }
  c.out(text);
  return 0;
});
