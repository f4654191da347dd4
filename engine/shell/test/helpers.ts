import { Environment } from "../../cluster/environment";
import { PROGRAMS } from "../../programs";
import type { Program, ProgramRegistry } from "../../process/types";

import { corePlugin } from "../../cluster/core-plugin";
import { hostBasePlugin } from "../../hosts/seed";

let base: ReturnType<Environment["snapshot"]> | undefined;
let bare: ReturnType<Environment["snapshot"]> | undefined;

/**
 * The default lab's machines with only the API server's core and the host seeding: tests of
 * generic tools do not depend on how the kubelet or kubeadm behave.
 */
export function bareEnvironment(): Environment {
  const options = { plugins: [corePlugin], environmentPlugins: [hostBasePlugin] };
  bare ??= Environment.create(undefined, options).snapshot();
  return Environment.restore(structuredClone(bare), options);
}

/**
 * A fresh default environment (restored from one snapshot: creating PKI every time is slow). Each
 * restore gets its own copy: Environment.restore keeps plugin state (`extra`) by reference, so two
 * restores of one snapshot object would share the kubelets' records.
 */
export function freshEnvironment(): Environment {
  base ??= Environment.create().snapshot();
  return Environment.restore(structuredClone(base));
}

/** PROGRAMS without kubectl (the shell must not depend on it) plus programs a test defines. */
export function testPrograms(extra: Record<string, Program> = {}): ProgramRegistry {
  const names = () => [...new Set([...PROGRAMS.names().filter((n) => n !== "kubectl"), ...Object.keys(extra)])].sort();
  return {
    register: () => undefined,
    get: (name) => extra[name] ?? (name === "kubectl" ? undefined : PROGRAMS.get(name)),
    names,
  };
}

export function collector(): { sink: (data: string, stream: "stdout" | "stderr") => void; text: () => string; events: [string, string][] } {
  const events: [string, string][] = [];
  return { sink: (data, stream) => events.push([stream, data]), text: () => events.map((e) => e[1]).join(""), events };
}
