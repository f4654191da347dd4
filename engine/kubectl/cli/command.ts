import type { ProgramContext } from "../../process/types";
import type { Factory } from "../client/factory";
import type { FlagValues } from "./flags";

/** What a kubectl command's run function receives (the IOStreams, its flags and arguments). */
export interface CommandContext {
  ctx: ProgramContext;
  /** The command's path below `kubectl` (`create deployment`). */
  path: string;
  /** As cobra's CommandPath(): `kubectl create deployment`. */
  commandPath: string;
  args: string[];
  /** Index where arguments after `--` start, or -1. */
  argsLenAtDash: number;
  flags: FlagValues;
  out(chunk: string): void;
  err(chunk: string): void;
  factory: Factory;
}

/** A command's behaviour: resolves with the exit code (0 when it returns nothing). */
export type CommandRun = (c: CommandContext) => Promise<number | void> | number | void;

const RUNS = new Map<string, CommandRun>();

/** Each verb module registers its run function under its command path. */
export function registerCommand(path: string, run: CommandRun): void {
  RUNS.set(path, run);
}

export function commandRun(path: string): CommandRun | undefined {
  return RUNS.get(path);
}

/**
 * Commands whose own run only prints their help (kubectl's DefaultSubCommandRun): where the help
 * goes and the exit status, as the real kubectl does it; arguments are an "unknown command".
 */
export const GROUP_COMMANDS: Record<string, { stream: "out" | "err"; code: number } | undefined> = {
  rollout: { stream: "out", code: 1 },
  set: { stream: "err", code: 1 },
  "create secret": { stream: "err", code: 1 },
  "create service": { stream: "err", code: 1 },
  top: { stream: "err", code: 1 },
  auth: { stream: "err", code: 1 },
  config: { stream: "err", code: 1 },
  plugin: { stream: "err", code: 1 },
  certificate: { stream: "out", code: 0 },
};

/** Flags cobra requires (MarkFlagRequired in kubectl's source). */
export const REQUIRED_FLAGS: Record<string, string[]> = {
  autoscale: ["max"],
  "create clusterrolebinding": ["clusterrole"],
  "create cronjob": ["image", "schedule"],
  "create deployment": ["image"],
  "create service externalname": ["external-name"],
  run: ["image"],
  scale: ["replicas"],
};
