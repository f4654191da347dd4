import type { Program, ProgramRegistry } from "./process/types";

class Registry implements ProgramRegistry {
  private programs = new Map<string, Program>();

  register(names: string[], program: Program): void {
    for (const name of names) this.programs.set(name, program);
  }

  get(name: string): Program | undefined {
    return this.programs.get(name.replace(/^.*\//, ""));
  }

  names(): string[] {
    return [...this.programs.keys()].sort();
  }
}

/**
 * Every simulated program the shell can run, by name. Each area registers its programs from its own
 * module (kubectl from engine/kubectl, etcdctl from the control plane, curl from the network tools)
 * through engine/programs-index.ts, so this file never needs to know them.
 */
export const PROGRAMS: ProgramRegistry = new Registry();
