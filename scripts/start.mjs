// `npm start`: from a fresh clone to a running app on http://localhost:3000 (PORT to change).
// Installs dependencies if needed, generates the Prisma clients, builds when sources changed,
// then runs the production server, which applies migrations and seeds demo accounts on first start.
import { spawn } from "node:child_process";
import { ensureBuild, ensureDependencies, ensurePrismaClients, root, step } from "./lib/setup.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
ensureDependencies();
ensurePrismaClients();
ensureBuild();

step("Starting Kubecoach");
const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
