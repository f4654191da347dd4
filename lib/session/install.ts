// Builds the server process's live sessions and engine host once (server.ts loads this through
// the terminal and Kubernetes API gateway route modules). Sessions are saved to the app database.
// They run on a pool of worker threads (KUBECOACH_SESSION_WORKERS, default: one per core), or on
// the server's own event loop when that is 0.
import { db, dbTarget } from "../db";
import { logger } from "../log";
import { catalogue, loadKnownGaps, selfTestScenario, type KnownGap } from "../scenarios";
import { loadScenarioFiles, scaffoldFiles } from "../authoring/load-files";
import { definitionResolver } from "./definitions";
import { setEngineHost, type EngineHost } from "./host";
import { SERVER_MIN_SAVE_INTERVAL_MS, SessionManager } from "./manager";
import { PrismaSessionStore } from "./prisma-store";
import { shellScriptRunner } from "./script-runner";
import type { SessionService } from "./service";
import { sessionWorkerCount } from "./workers/count";
import { SessionWorkerPool } from "./workers/pool";
import { startTemplateKeeper, yieldToEventLoop } from "./template-warming";
import { useSharedTemplates } from "./shared-templates";
import { attemptStarts } from "./attempt-starts";

const log = logger.child({ module: "sessions" });
const slot = globalThis as typeof globalThis & { __kubecoachSessions?: SessionService };

/** Settings from the environment, with defaults sized for one small server. */
function limits(): { maxLive: number; idleMs: number } {
  const maxLive = Number(process.env.KUBECOACH_MAX_LIVE_SESSIONS ?? 300);
  const idleMinutes = Number(process.env.KUBECOACH_SESSION_IDLE_MINUTES ?? 15);
  return { maxLive: maxLive > 0 ? maxLive : 300, idleMs: (idleMinutes > 0 ? idleMinutes : 15) * 60_000 };
}

export function sessionManager(): SessionService {
  if (slot.__kubecoachSessions) return slot.__kubecoachSessions;
  const store = new PrismaSessionStore(db, dbTarget);
  const workers = sessionWorkerCount();
  let sessions: SessionService;
  if (workers > 0) {
    sessions = new SessionWorkerPool({
      workers,
      store,
      authoredRow: (id) => db.authoredScenario.findUnique({ where: { id }, select: { slug: true, files: true } }).then((row) => row ?? undefined),
      ...limits(),
      minSaveIntervalMs: SERVER_MIN_SAVE_INTERVAL_MS,
      log,
      attemptStarts: () => attemptStarts(db),
    });
  } else {
    const manager = new SessionManager({
      store,
      resolve: definitionResolver(db),
      runScript: shellScriptRunner,
      ...limits(),
      minSaveIntervalMs: SERVER_MIN_SAVE_INTERVAL_MS,
      onSaved: (session, info) => log.debug({ attempt: session.ref.id, bytes: info.bytes, ms: Math.round(info.ms) }, "session saved"),
      onError: (session, err) => log.error({ err, attempt: session.ref.id }, "session error"),
    });
    manager.startSweeping();
    sessions = manager;
  }
  log.info({ workers, mode: workers > 0 ? "worker threads" : "server thread" }, "live sessions");
  slot.__kubecoachSessions = sessions;
  installEngineHost(sessions);
  // Read the scenario catalogue now, before the server listens, so no learner waits for it.
  const started = performance.now();
  const cat = catalogue();
  log.info({ scenarios: cat.scenarios.size, exams: cat.exams.size, lessons: cat.lessons.size, issues: cat.issues.length, ms: Math.round(performance.now() - started) }, "scenario catalogue loaded");
  return sessions;
}

/**
 * The server listens: session workers start loading the engine now rather than while Next.js
 * prepares (both take seconds of CPU), so a learner's first terminal does not wait for them.
 */
export function warmSessions(): void {
  const sessions = slot.__kubecoachSessions;
  // Sessions on the server thread: a warming thread makes the set-up templates and keeps them, and
  // an attempt here asks it for its own, as a session worker asks the pool's (shared-templates.ts).
  if (sessions instanceof SessionManager) {
    const keeper = startTemplateKeeper({ catalogue: catalogue(), log });
    if (keeper) useSharedTemplates(keeper.serve(), yieldToEventLoop);
  }
  if (!(sessions instanceof SessionWorkerPool)) return;
  const started = performance.now();
  void sessions.ready().then(() => log.info({ workers: sessions.size, ms: Math.round(performance.now() - started) }, "session workers ready"));
}

function installEngineHost(sessions: SessionService): void {
  let gaps: Map<string, KnownGap> | undefined;
  const host: EngineHost = {
    catalogue: () => catalogue(),
    knownGaps: () => (gaps ??= loadKnownGaps(catalogue().root)),
    sessions: {
      ensure: (ref) => sessions.ensure(ref),
      grade: (ref) => sessions.grade(ref),
      close: (ref, reason) => sessions.close(ref, reason),
      runScript: (ref, script) => sessions.runScript(ref, script),
      activeSeconds: (ref) => sessions.activeSeconds(ref),
      stats: () => sessions.stats(),
    },
    authoring: {
      scaffold: (id) => scaffoldFiles(id),
      validate: (slug, files) => loadScenarioFiles(slug, files),
      selfTest: (scenario) => selfTestScenario(scenario, shellScriptRunner),
    },
  };
  setEngineHost(host);
}
