// Builds the server process's session manager and engine host once (server.ts loads this through
// the terminal and Kubernetes API gateway route modules). Sessions are saved to the app database.
import { db } from "../db";
import { logger } from "../log";
import { catalogue, loadKnownGaps, selfTestScenario, type KnownGap } from "../scenarios";
import { loadScenarioFiles, scaffoldFiles } from "../authoring/load-files";
import { definitionResolver } from "./definitions";
import { setEngineHost, type EngineHost } from "./host";
import { SERVER_MIN_SAVE_INTERVAL_MS, SessionManager } from "./manager";
import { PrismaSessionStore } from "./prisma-store";
import { shellScriptRunner } from "./script-runner";

const log = logger.child({ module: "sessions" });
const slot = globalThis as typeof globalThis & { __kubecoachSessions?: SessionManager };

/** Settings from the environment, with defaults sized for one small server. */
function limits(): { maxLive: number; idleMs: number } {
  const maxLive = Number(process.env.KUBECOACH_MAX_LIVE_SESSIONS ?? 300);
  const idleMinutes = Number(process.env.KUBECOACH_SESSION_IDLE_MINUTES ?? 15);
  return { maxLive: maxLive > 0 ? maxLive : 300, idleMs: (idleMinutes > 0 ? idleMinutes : 15) * 60_000 };
}

export function sessionManager(): SessionManager {
  if (slot.__kubecoachSessions) return slot.__kubecoachSessions;
  const manager = new SessionManager({
    store: new PrismaSessionStore(db),
    resolve: definitionResolver(db),
    runScript: shellScriptRunner,
    ...limits(),
    minSaveIntervalMs: SERVER_MIN_SAVE_INTERVAL_MS,
    onSaved: (session, info) => log.debug({ attempt: session.ref.id, bytes: info.bytes, ms: Math.round(info.ms) }, "session saved"),
    onError: (session, err) => log.error({ err, attempt: session.ref.id }, "session error"),
  });
  manager.startSweeping();
  slot.__kubecoachSessions = manager;
  installEngineHost(manager);
  // Read the scenario catalogue now, before the server listens, so no learner waits for it.
  const started = performance.now();
  const cat = catalogue();
  log.info({ scenarios: cat.scenarios.size, exams: cat.exams.size, lessons: cat.lessons.size, issues: cat.issues.length, ms: Math.round(performance.now() - started) }, "scenario catalogue loaded");
  return manager;
}

function installEngineHost(manager: SessionManager): void {
  let gaps: Map<string, KnownGap> | undefined;
  const host: EngineHost = {
    catalogue: () => catalogue(),
    knownGaps: () => (gaps ??= loadKnownGaps(catalogue().root)),
    sessions: {
      ensure: async (ref) => {
        const session = await manager.get(ref);
        return { homeHost: session.homeHost, clusters: session.clusters(), unavailableTasks: session.unavailableTasks() };
      },
      grade: async (ref) => {
        const session = await manager.get(ref);
        return { grade: await session.grade(), unavailableTasks: session.unavailableTasks() };
      },
      close: (ref, reason) => manager.close(ref, reason),
      runScript: async (ref, script) => (await manager.get(ref)).runAsLearner(script),
      activeSeconds: (ref) => {
        const session = manager.peek(ref);
        return session ? Math.floor(session.activeMs / 1000) : undefined;
      },
      stats: () => manager.stats(),
    },
    authoring: {
      scaffold: (id) => scaffoldFiles(id),
      validate: (slug, files) => loadScenarioFiles(slug, files),
      selfTest: (scenario) => selfTestScenario(scenario, shellScriptRunner),
    },
  };
  setEngineHost(host);
}
