import type { CommandContext } from "../../cli/command";
import { isImageReference } from "./image-ref";
import { isProfile, type KeepFlags, type ProfileName } from "./profiles";

/**
 * kubectl debug's options as its Complete and Validate read them (debug.go, v1.33), with the
 * same checks in the same order and the same messages.
 */
export interface DebugOptions {
  targetNames: string[];
  filenames: string[];
  args: string[];
  argsOnly: boolean;
  attach: boolean;
  container: string;
  copyTo: string;
  replace: boolean;
  env: { name: string; value: string }[];
  image: string;
  pullPolicy: string;
  interactive: boolean;
  tty: boolean;
  quiet: boolean;
  sameNode: boolean;
  setImages: Record<string, string>;
  shareProcesses: boolean;
  shareProcessesChanged: boolean;
  targetContainer: string;
  profile: ProfileName;
  keep: KeepFlags;
}

/** Go's map iteration over --env and --set-image: kubectl sends these in map order; sorted keeps it deterministic. */
function sortedEntries(map: Record<string, string>): [string, string][] {
  return Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function completeOptions(c: CommandContext): DebugOptions {
  const f = c.flags;
  const dash = c.argsLenAtDash;
  let targetNames = c.args;
  let args: string[] = [];
  if (dash >= 0 && c.args.length > dash) {
    targetNames = c.args.slice(0, dash);
    args = c.args.slice(dash);
  }
  const interactive = f.bool("stdin");
  const profile = f.isSet("profile") ? f.string("profile") : "legacy";
  if (!isProfile(profile)) throw new Error(`unknown profile: ${profile}`);
  if (f.string("custom")) throw new Error("kubectl debug --custom is not available in Kubecoach yet");
  return {
    targetNames,
    filenames: f.strings("filename"),
    args,
    argsOnly: f.bool("arguments-only"),
    attach: f.isSet("attach") ? f.bool("attach") : interactive,
    container: f.string("container"),
    copyTo: f.string("copy-to"),
    replace: f.bool("replace"),
    env: sortedEntries(f.map("env")).map(([name, value]) => ({ name, value })),
    image: f.string("image"),
    pullPolicy: f.string("image-pull-policy"),
    interactive,
    tty: f.bool("tty"),
    quiet: f.bool("quiet"),
    sameNode: f.bool("same-node"),
    setImages: f.map("set-image"),
    shareProcesses: f.isSet("share-processes") ? f.bool("share-processes") : true,
    shareProcessesChanged: f.isSet("share-processes"),
    targetContainer: f.string("target"),
    profile,
    keep: {
      labels: f.bool("keep-labels"),
      annotations: f.bool("keep-annotations"),
      liveness: f.bool("keep-liveness"),
      readiness: f.bool("keep-readiness"),
      startup: f.bool("keep-startup"),
      initContainers: f.isSet("keep-init-containers") ? f.bool("keep-init-containers") : true,
    },
  };
}

export function validateOptions(c: CommandContext, o: DebugOptions): void {
  if (o.attach && c.flags.isSet("attach") && !o.image && !o.container) {
    throw new Error("you must specify --container or create a new container using --image in order to attach.");
  }
  const setImages = sortedEntries(o.setImages);
  if (o.copyTo) {
    if (!o.image && setImages.length === 0 && o.args.length === 0) throw new Error("you must specify --image, --set-image or command arguments.");
    if (o.args.length > 0 && !o.container && !o.image) throw new Error("you must specify an existing container or a new image when specifying args.");
  } else if (o.replace) throw new Error("--replace may only be used with --copy-to.");
  else if (o.sameNode) throw new Error("--same-node may only be used with --copy-to.");
  else if (setImages.length > 0) throw new Error("--set-image may only be used with --copy-to.");
  else if (!o.image) throw new Error("you must specify --image when not using --copy-to.");
  if (o.image && !isImageReference(o.image)) throw new Error(`invalid image name "${o.image}": invalid reference format`);
  if (o.targetNames.length === 0 && o.filenames.length === 0) throw new Error("NAME or filename is required for debug");
  if (!["Always", "IfNotPresent", "Never", ""].includes(o.pullPolicy)) throw new Error(`invalid image pull policy: ${o.pullPolicy}`);
  for (const [name, image] of setImages) {
    if (!isImageReference(image)) throw new Error(`invalid image name "${image}" for container "${name}": invalid reference format`);
  }
  if (o.targetContainer) {
    if (o.copyTo) throw new Error("--target is incompatible with --copy-to. Use --share-processes instead.");
    if (!o.quiet) c.out(`Targeting container "${o.targetContainer}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
  }
  if (o.tty && !o.interactive) throw new Error("-i/--stdin is required for containers with -t/--tty=true");
  if (o.profile === "legacy") c.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
}
