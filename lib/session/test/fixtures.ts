// A small real scenario for session tests (shell work only, so it does not wait on kubectl
// features), a migrated scratch database with a learner, and a browser stand-in that records
// what the gateway would send.
import { cleanFiles, loadScenarioFiles } from "../../authoring/load-files";
import { createTestDatabase, type TestDatabase } from "../../db/test-databases";
import { outputOf, type ServerMessage } from "../../terminal/protocol";
import type { TabClient } from "../terminal-tab";
import type { AttemptDefinition, DefinitionResolver } from "../types";

export const NOTES_SCENARIO_FILES = cleanFiles({
  "scenario.yaml": [
    "id: release-notes",
    "version: 1",
    "title: Write the release notes file",
    "exam: CKA",
    "domain: cluster-architecture",
    "topics: [files]",
    "difficulty: easy",
    "minutes: 3",
    "points: 2",
    "lessons: [core-concepts]",
    "hints:",
    "  - The file lives in /opt/release.",
    "timing: { afterSetup: 1, beforeGrading: 0 }",
  ].join("\n"),
  "task.md": "Write the word `ready` into `/opt/release/notes.txt` on the control plane.\n",
  "setup.sh": "mkdir -p /opt/release\necho draft > /opt/release/notes.txt\n",
  "checks.yaml": [
    "checks:",
    "- id: notes-ready",
    "  points: 2",
    "  description: /opt/release/notes.txt says ready",
    "  hint: echo ready > /opt/release/notes.txt",
    "  type: file",
    "  host: controlplane",
    "  path: /opt/release/notes.txt",
    "  trimmed: ready",
  ].join("\n"),
  "solution.sh": "echo ready > /opt/release/notes.txt\n",
});

export function notesDefinition(): AttemptDefinition {
  const loaded = loadScenarioFiles("release-notes", NOTES_SCENARIO_FILES);
  if (!loaded.scenario) throw new Error(`fixture scenario does not validate: ${JSON.stringify(loaded.issues)}`);
  return { kind: "scenario", scenario: loaded.scenario };
}

export const notesResolver: DefinitionResolver = async () => notesDefinition();

export async function databaseWithLearner(): Promise<{ database: TestDatabase; userId: string }> {
  const database = await createTestDatabase("sqlite");
  const user = await database.db.user.create({ data: { email: `learner-${Date.now()}@example.com`, role: "learner" } });
  return { database, userId: user.id };
}

/** Records messages like a browser would receive them, and lets a test wait for one. */
export class RecordingClient implements TabClient {
  readonly messages: ServerMessage[] = [];
  closedWith?: { code: number; reason: string };
  private waiters: { type: ServerMessage["type"]; from: number; resolve: (m: ServerMessage) => void }[] = [];

  send(message: ServerMessage): void {
    this.messages.push(message);
    for (const w of [...this.waiters]) {
      const found = this.messages.slice(w.from).find((m) => m.type === w.type);
      if (found) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(found);
      }
    }
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }

  /** The next message of `type` after the `from`-th message (default: any so far). */
  next<T extends ServerMessage["type"]>(type: T, from = 0): Promise<Extract<ServerMessage, { type: T }>> {
    const found = this.messages.slice(from).find((m) => m.type === type);
    if (found) return Promise.resolve(found as Extract<ServerMessage, { type: T }>);
    return new Promise((resolve) => this.waiters.push({ type, from, resolve: resolve as (m: ServerMessage) => void }));
  }

  /** Output since message `from`, joined. */
  output(from = 0): string {
    return this.messages.slice(from).map(outputOf).join("");
  }
}
