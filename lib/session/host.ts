// The engine host: the one place in the server process that holds the simulated world — the
// scenario catalogue, live sessions, grading and authoring checks. server.ts installs it at start
// (lib/session/install.ts, through a route module); pages, server actions and route handlers
// reach it here. It lives on globalThis because Next.js bundles its own copy of every module:
// going through one instance keeps the engine out of the Next.js bundle and the sessions shared
// with the terminal gateway. Only types are imported here, so bundling this file is cheap.
import type { Catalogue, ExamGrade, KnownGap, Scenario, ScenarioGrade, SelfTestResult, ValidationIssue } from "../scenarios";
import type { ScenarioFiles } from "../authoring/files";
import type { SessionStats } from "./manager";
import type { UnavailableTasks } from "../exams/start";
import type { AttemptRef } from "./types";

export interface EngineHost {
  /** Built-in scenarios, mock exams and lessons (scenarios/). */
  catalogue(): Catalogue;
  /** Scenarios whose self-test waits on an engine feature (scenarios/KNOWN-GAPS.md), by id. */
  knownGaps(): Map<string, KnownGap>;
  sessions: {
    /** Starts (runs setup once) or resumes the attempt's session. */
    ensure(ref: AttemptRef): Promise<{ homeHost: string; clusters: string[]; unavailableTasks: UnavailableTasks }>;
    /** Grades the live state (on a copy; the learner's environment is not touched). */
    grade(ref: AttemptRef): Promise<{ grade: ScenarioGrade | ExamGrade; unavailableTasks: UnavailableTasks }>;
    /** Ends the session for good; open terminals are told `reason`. */
    close(ref: AttemptRef, reason: string): Promise<void>;
    /** Runs a script in the attempt's environment as the learner would (an author's "run the solution"). */
    runScript(ref: AttemptRef, script: string): Promise<{ exitCode: number; stdout: string; stderr: string }>;
    /** Seconds a terminal was open, when the session is in memory. */
    activeSeconds(ref: AttemptRef): number | undefined;
    stats(): SessionStats;
  };
  authoring: {
    /** The files `kubecoach scenarios new` would write, with TODO(author) markers. */
    scaffold(id: string): ScenarioFiles;
    validate(slug: string, files: ScenarioFiles): { scenario?: Scenario; issues: ValidationIssue[] };
    /** Setup alone must score below full marks, setup + solution full marks (fresh environments). */
    selfTest(scenario: Scenario): Promise<SelfTestResult>;
  };
}

const slot = globalThis as typeof globalThis & { __kubecoachEngineHost?: EngineHost };

export function setEngineHost(host: EngineHost | undefined): void {
  slot.__kubecoachEngineHost = host;
}

export class EngineHostMissingError extends Error {
  constructor() {
    super("The Kubecoach engine host is not running in this process; start the app with `npm start` or `npm run dev` (server.ts).");
  }
}

export function engineHost(): EngineHost {
  const host = slot.__kubecoachEngineHost;
  if (!host) throw new EngineHostMissingError();
  return host;
}
