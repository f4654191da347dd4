/**
 * The practice page in a browser, against the production build (issue 9's "the practice page
 * interactive in under 1.5 s on localhost with a production build").
 *
 * "Interactive" is what a learner waits for: from the start of the navigation until the terminal is
 * connected and shows its prompt (the page's JavaScript has run, the WebSocket is open and the
 * shell answered). Reports, in Debian's Chromium (headless) with the demo learner signed in:
 *  - opening the practice page of an attempt that exists, in a fresh browser profile (nothing
 *    cached: the first visit of the day) and reloaded (cached scripts: going back to a task);
 *  - starting an attempt: from the "Start" click to the prompt (the attempt is created and its
 *    cluster set up from the scenario's warmed template).
 *
 * Needs the production build (made here when the sources are newer, as `npm start` does) and
 * /usr/bin/chromium (CHROMIUM_PATH); without a browser it says so and reports nothing.
 * Run: npx tsx bench/page-load.bench.ts [loads=10]   (port 7195, or BENCH_PORT)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { freshDatabase, serverEnv } from "../e2e/server-env";
import { DEMO } from "../e2e/helpers";
// @ts-expect-error: a plain .mjs module without types (the set-up steps `npm start` uses).
import { ensureBuild, ensurePrismaClients } from "../scripts/lib/setup.mjs";

const TARGET_MS = 1500;
const loads = Number(process.argv[2] ?? 10);
const port = Number(process.env.BENCH_PORT ?? 7195);
const base = `http://localhost:${port}`;
const root = path.resolve(import.meta.dirname, "..");
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Starts server.ts with warming on (as in production) and resolves once every worker warmed its templates. */
async function startServer(): Promise<ChildProcess> {
  freshDatabase(port);
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: { ...process.env, ...serverEnv(port), LOG_LEVEL: "info", KUBECOACH_WARM_TEMPLATES: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let warmed = 0;
  let lastWarmedAt = 0;
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    for (const line of chunk.split("\n")) {
      if (line.includes("setup templates warmed")) {
        warmed++;
        lastWarmedAt = Date.now();
      }
    }
  });
  const deadline = Date.now() + 300_000;
  // Warming reports once per warming thread; once the reports stop for 5 s every template is made.
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (warmed > 0 && Date.now() - lastWarmedAt > 5000) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (warmed === 0) console.log("(the templates were not reported warmed within 5 minutes: attempts below may build their clusters on demand)");
  return child;
}

/** Milliseconds from the navigation's start until the terminal is open and its cursor line ends in a prompt. */
async function untilPrompt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const panel = document.querySelector('section[aria-label="Terminal"]');
      const term = (window as unknown as { __term?: { buffer: { active: { cursorY: number; baseY: number; getLine(i: number): { translateToString(trim: boolean): string } | undefined } } } }).__term;
      if (panel?.getAttribute("data-terminal-status") !== "open" || !term) return false;
      const buffer = term.buffer.active;
      const line = buffer.getLine(buffer.baseY + buffer.cursorY)?.translateToString(false).trimEnd() ?? "";
      return /[#$]$/.test(line) ? performance.now() : false;
    },
    undefined,
    { polling: 10, timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function signedInState(browser: Browser): Promise<Awaited<ReturnType<BrowserContext["storageState"]>>> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/signin`);
  await page.getByLabel("E-mail").fill(DEMO.learner.email);
  await page.getByLabel("Password").fill(DEMO.learner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  const state = await context.storageState();
  await context.close();
  return state;
}

function describe(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const p95 = at(0.95);
  const verdict = p95 < TARGET_MS ? "met" : "NOT met";
  return `p50 ${at(0.5).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms over ${values.length} (target: under ${TARGET_MS} ms, ${verdict})`;
}

async function main(): Promise<void> {
  if (!existsSync(executablePath)) {
    console.log(`page load: not measured, no Chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
    return;
  }
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  ensurePrismaClients();
  ensureBuild();
  const server = await startServer();
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const state = await signedInState(browser);
    const context = await browser.newContext({ storageState: state });
    const page = await context.newPage();
    await page.goto(`${base}/practice`);
    const scenarioPaths = (
      await page.$$eval('main a[href^="/practice/"]', (links) => [...new Set(links.map((a) => a.getAttribute("href")!).filter((h) => !h.startsWith("/practice/attempts")))])
    ).slice(0, loads);
    await context.close();

    // Starting attempts: each scenario once, from its page's Start button to the prompt.
    const starts: number[] = [];
    const attempts: string[] = [];
    for (const scenarioPath of scenarioPaths) {
      const ctx = await browser.newContext({ storageState: state });
      const p = await ctx.newPage();
      await p.goto(`${base}${scenarioPath}`);
      const started = Date.now();
      await p.getByRole("button", { name: "Start" }).click();
      await p.waitForURL(/\/practice\/attempts\//, { timeout: 60_000 });
      const navigationStarted = await p.evaluate(() => performance.timeOrigin);
      const prompt = await untilPrompt(p);
      starts.push(navigationStarted + prompt - started);
      attempts.push(p.url());
      await ctx.close();
    }

    // Opening an existing attempt's page: a fresh profile each time, then a reload in it.
    const cold: number[] = [];
    const reloaded: number[] = [];
    for (const url of attempts) {
      const ctx = await browser.newContext({ storageState: state });
      const p = await ctx.newPage();
      await p.goto(url, { waitUntil: "commit" });
      cold.push(await untilPrompt(p));
      await p.reload({ waitUntil: "commit" });
      reloaded.push(await untilPrompt(p));
      await ctx.close();
    }
    console.log(`practice page of an existing attempt, navigation to prompt, fresh browser profile: ${describe(cold)}`);
    console.log(`practice page of an existing attempt, navigation to prompt, reloaded: ${describe(reloaded)}`);
    console.log(`starting an attempt, Start click to prompt (the attempt made, its cluster set up): ${describe(starts)}`);
  } finally {
    await browser.close();
    server.kill("SIGTERM");
  }
}

await main();
