// What the session layer works with: which attempt a session belongs to, what the attempt plays
// (a scenario or a mock exam), and the snapshot that lets a session survive restarts.
import type { EnvironmentSnapshot } from "../../engine/cluster/environment";
import type { TerminalSnapshot } from "../../engine/shell";
import type { StoredSnapshot } from "./snapshot-saver";
import type { Exam, Scenario } from "../scenarios";

export type AttemptKind = "scenario" | "exam";

/** A scenario attempt or an exam attempt, by id (ids are unique across both tables: cuids). */
export type AttemptRef = { kind: AttemptKind; id: string };

export function refKey(ref: AttemptRef): string {
  return `${ref.kind}:${ref.id}`;
}

export type AttemptStatus = "active" | "submitted" | "abandoned" | "expired";

/** The attempt row as far as sessions care. */
export type AttemptRecord = {
  ref: AttemptRef;
  userId: string;
  status: AttemptStatus;
  /** Scenario attempts: the scenario id; exam attempts: the exam id. */
  definitionId: string;
  /** A scenario written in the browser (lib/authoring) instead of a built-in one. */
  authoredScenarioId: string | null;
  timeUsedSeconds: number;
  /** Exams: when time is up (server-side). */
  deadlineAt: Date | null;
};

/** What an attempt plays, resolved from its record. */
export type AttemptDefinition = { kind: "scenario"; scenario: Scenario } | { kind: "exam"; exam: Exam };

export type DefinitionResolver = (record: AttemptRecord) => Promise<AttemptDefinition>;

export const SESSION_SNAPSHOT_FORMAT = 1;

/** One terminal tab as it is saved: the shell's state and what its screen showed. */
export type SavedTerminal = { state: TerminalSnapshot; scrollback: string };

/**
 * Everything needed to bring a session back after a restart or an eviction: the environment,
 * every terminal tab, and the time bookkeeping (stored compressed, lib/db/snapshot-codec.ts).
 */
export type SessionSnapshot = {
  format: typeof SESSION_SNAPSHOT_FORMAT;
  env: EnvironmentSnapshot;
  /** Keyed by tab number ("1", "2", …). */
  terminals: Record<string, SavedTerminal>;
  /** Where the learner's terminals start. */
  homeHost: string;
  /** Milliseconds the learner had a terminal open (the practice timer counts these). */
  activeMs: number;
  /** Wall time of the save (ISO). */
  savedAt: string;
  /**
   * A light save keeps the environment of the session's last full save: the advances of its clock
   * since (each target, in order), which a restore replays. In the same steps, as the live
   * environment took them: an advance skips the periodic work nobody could see before its end
   * (heartbeats), so fewer, longer advances would write less.
   */
  clockSteps?: number[];
};

/** What a save wrote: its bytes, and the id of a base it stored with it. */
export type SavedSnapshot = { bytes: number; baseId?: string };

/** One command line typed in a terminal, as the attempt's history keeps it. */
export type CommandRecord = {
  terminalId: string;
  seq: number;
  line: string;
  exitCode: number | null;
  location: string;
  executedAt: Date;
};

/** Where sessions read and write their attempts (Prisma in the app, memory in some tests). */
export interface SessionStore {
  findAttempt(id: string): Promise<AttemptRecord | undefined>;
  loadSnapshot(ref: AttemptRef): Promise<SessionSnapshot | undefined>;
  /**
   * Replaces the attempt's snapshot (encoded by lib/session/snapshot-saver.ts) and records its
   * time used; a row that carries its base's bytes has the base stored too, and its id answered.
   */
  saveEncodedSnapshot(ref: AttemptRef, stored: StoredSnapshot, timeUsedSeconds: number): Promise<SavedSnapshot>;
  deleteSnapshot(ref: AttemptRef): Promise<void>;
  appendCommand(ref: AttemptRef, command: CommandRecord): Promise<void>;
  lastCommandSeq(ref: AttemptRef): Promise<number>;
  saveTimeUsed(ref: AttemptRef, seconds: number): Promise<void>;
}
