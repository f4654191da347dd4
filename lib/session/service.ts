// What the rest of the server asks of live sessions, whether they run on the server's own event
// loop (SessionManager, tests and `KUBECOACH_SESSION_WORKERS=0`) or on a pool of worker threads
// (lib/session/workers/pool.ts, the production server). The gateways and the engine host speak
// only these interfaces, so both modes serve the same terminals, API requests and grades.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { UnavailableTasks } from "../exams/start";
import type { ExamGrade, ScenarioGrade } from "../scenarios";
import type { SessionStats } from "./manager";
import type { TabClient } from "./terminal-tab";
import type { AttemptRef } from "./types";

/** One terminal tab, as the terminal gateway drives it. */
export interface TabHandle {
  exec(line: string): Promise<void>;
  complete(line: string, cursor: number): Promise<void>;
  interrupt(): void | Promise<void>;
  /** Ctrl-Z: stops the running command (it becomes a stopped job); nothing at the prompt. */
  suspend(): void;
  input(data: string): void;
  resize(cols: number, rows: number): void;
  finishEdit(content: string | undefined): void;
}

/** One live attempt, as the gateways reach it. */
export interface SessionHandle {
  readonly ref: AttemptRef;
  touch(): void;
  tab(number: number): Promise<TabHandle>;
  /** Connects a browser to a tab; returns the detach function. */
  connect(number: number, client: TabClient): Promise<() => void>;
  /** A Kubernetes API request for one of the attempt's clusters (the /k8s gateway, after its token checks). */
  kubernetesApi(cluster: string, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void>;
}

export type EnsuredSession = { homeHost: string; clusters: string[]; unavailableTasks: UnavailableTasks };
export type ScriptResult = { exitCode: number; stdout: string; stderr: string };

export interface SessionService {
  /** The attempt's session, loaded (resumed or started) if it is not live. */
  get(ref: AttemptRef): Promise<SessionHandle>;
  ensure(ref: AttemptRef): Promise<EnsuredSession>;
  grade(ref: AttemptRef): Promise<{ grade: ScenarioGrade | ExamGrade; unavailableTasks: UnavailableTasks }>;
  close(ref: AttemptRef, reason: string): Promise<void>;
  runScript(ref: AttemptRef, script: string): Promise<ScriptResult>;
  /** Seconds a terminal was open, when the session is live. */
  activeSeconds(ref: AttemptRef): number | undefined;
  stats(): SessionStats;
  /** Saves every session and disconnects its browsers (server shutdown). */
  shutdown(): Promise<void>;
}
