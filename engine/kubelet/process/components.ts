import type { Cluster } from "../../cluster/cluster";
import type { HostFileSystem } from "../../hosts/filesystem";
import type { OutputLine, Listener } from "./types";

/**
 * How programs that are not plain servers behave when started: the control-plane components decide
 * from their flags and the files on the node whether they come up (see engine/controlplane). The
 * kubelet asks this registry by program name; an unregistered program runs as its image says.
 */
export interface ComponentStart {
  argv: string[];
  /** The container's image reference (its tag is the component's version). */
  image: string;
  /** The node the container runs on (its files are what hostPath volumes show). */
  nodeName: string;
  clusterName: string;
  now: number;
  /** The node's filesystem. */
  fs: HostFileSystem;
  cluster: Cluster;
  /** Reads a file as the container sees it (through its volume mounts); undefined if it cannot. */
  readFile(path: string): string | undefined;
}

export type ComponentOutcome =
  | { ok: true; logs: Omit<OutputLine, "at">[]; listens?: Listener[]; readyAfterMs?: number }
  | { ok: false; logs: Omit<OutputLine, "at">[]; exitAfterMs: number; exitCode: number };

export type ComponentBehaviour = (start: ComponentStart) => ComponentOutcome;

const registry = new Map<string, ComponentBehaviour>();

export function registerComponent(program: string, behaviour: ComponentBehaviour): void {
  registry.set(program, behaviour);
}

export function componentFor(program: string): ComponentBehaviour | undefined {
  return registry.get(program.replace(/^.*\//, ""));
}
