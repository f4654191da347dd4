import type { ProgramContext } from "../../process/types";
import { STACK_HINT } from "./context";

/**
 * The flags kubeadm reset and join accept, their help, and cobra's error for any other flag — so
 * `kubeadm reset --help` shows help instead of resetting the node, and a typo stops the command.
 */
export interface FlagSpec {
  name: string;
  short?: string;
  /** The value's type as cobra prints it ("string", "strings"); none for a boolean. */
  type?: string;
  usage: string;
}

const GLOBAL: FlagSpec[] = [
  { name: "rootfs", type: "string", usage: "The path to the 'real' host root filesystem. This will cause kubeadm to chroot into the provided path." },
  { name: "v", short: "v", type: "Level", usage: "number for the log level verbosity" },
];

export const RESET_FLAGS: FlagSpec[] = [
  { name: "cert-dir", type: "string", usage: 'The path to the directory where the certificates are stored. If specified, clean this directory. (default "/etc/kubernetes/pki")' },
  { name: "cleanup-tmp-dir", usage: 'Cleanup the "/etc/kubernetes/tmp" directory' },
  { name: "cri-socket", type: "string", usage: "Path to the CRI socket to connect. If empty kubeadm will try to auto-detect this value; use this option only if you have more than one CRI installed or if you have non-standard CRI socket." },
  { name: "dry-run", usage: "Don't apply any changes; just output what would be done." },
  { name: "force", short: "f", usage: "Reset the node without prompting for confirmation." },
  { name: "help", short: "h", usage: "help for reset" },
  { name: "ignore-preflight-errors", type: "strings", usage: "A list of checks whose errors will be shown as warnings. Example: 'IsPrivilegedUser,Swap'. Value 'all' ignores errors from all checks." },
  { name: "kubeconfig", type: "string", usage: 'The kubeconfig file to use when talking to the cluster. If the flag is not set, a set of standard locations can be searched for an existing kubeconfig file. (default "/etc/kubernetes/admin.conf")' },
];

export const JOIN_FLAGS: FlagSpec[] = [
  { name: "control-plane", usage: "Create a new control plane instance on this node" },
  { name: "cri-socket", type: "string", usage: "Path to the CRI socket to connect. If empty kubeadm will try to auto-detect this value; use this option only if you have more than one CRI installed or if you have non-standard CRI socket." },
  { name: "discovery-token", type: "string", usage: "For token-based discovery, the token used to validate cluster information fetched from the API server." },
  { name: "discovery-token-ca-cert-hash", type: "strings", usage: 'For token-based discovery, validate that the root CA public key matches this hash (format: "<type>:<value>").' },
  { name: "discovery-token-unsafe-skip-ca-verification", usage: "For token-based discovery, allow joining without --discovery-token-ca-cert-hash pinning." },
  { name: "dry-run", usage: "Don't apply any changes; just output what would be done." },
  { name: "help", short: "h", usage: "help for join" },
  { name: "ignore-preflight-errors", type: "strings", usage: "A list of checks whose errors will be shown as warnings. Example: 'IsPrivilegedUser,Swap'. Value 'all' ignores errors from all checks." },
  { name: "node-name", type: "string", usage: "Specify the node name." },
  { name: "tls-bootstrap-token", type: "string", usage: "Specify the token used to temporarily authenticate with the Kubernetes Control Plane while joining the node." },
  { name: "token", type: "string", usage: "Use this token for both discovery-token and tls-bootstrap-token when those values are not provided." },
];

/** cobra's "unknown flag" error for the first flag not in `flags`, if any. */
export function unknownFlag(args: string[], flags: FlagSpec[]): string | undefined {
  const all = [...flags, ...GLOBAL];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") break;
    if (a.startsWith("--")) {
      const name = a.slice(2).split("=")[0];
      const spec = all.find((f) => f.name === name);
      if (!spec) return `unknown flag: --${name}`;
      if (spec.type && !a.includes("=")) i++;
    } else if (a.startsWith("-") && a.length > 1) {
      const letter = a[1];
      const spec = all.find((f) => f.short === letter);
      if (!spec) return `unknown shorthand flag: '${letter}' in ${a}`;
      if (spec.type && a.length === 2) i++;
    }
  }
  return undefined;
}

/** Rejects unknown flags (true when it did). */
export function rejectUnknownFlags(ctx: ProgramContext, args: string[], flags: FlagSpec[]): boolean {
  const error = unknownFlag(args, flags);
  if (!error) return false;
  ctx.stderr(`${error}\n${STACK_HINT}`);
  return true;
}

export function wantsHelp(args: string[]): boolean {
  return args.includes("--help") || args.includes("-h");
}

export function flagTable(flags: FlagSpec[]): string {
  const left = (f: FlagSpec) => `${f.short ? `-${f.short}, ` : "    "}--${f.name}${f.type ? ` ${f.type}` : ""}`;
  const width = Math.max(...flags.map((f) => left(f).length));
  return flags.map((f) => `  ${left(f).padEnd(width)}   ${f.usage}`).join("\n") + "\n";
}

export function helpText(intro: string, command: string, flags: FlagSpec[]): string {
  return `${intro}\n\nUsage:\n  kubeadm ${command} [flags]\n\nFlags:\n${flagTable(flags)}\nGlobal Flags:\n${flagTable(GLOBAL)}`;
}
