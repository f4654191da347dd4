// GET /healthz — JSON for load balancers and people: 200 while the database answers (the
// engine being absent or broken only makes it "degraded"), 503 when the database does not.
import { readFileSync } from "node:fs";
import path from "node:path";
import { db, dbTarget } from "../db";
import { REPO_ROOT } from "../db/paths";
import { healthReport } from "../health";
import { registerHttpPrefix } from "./routes";

const appVersion = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

registerHttpPrefix("/healthz", async (req, res, { rest }) => {
  if (rest !== "" || (req.method !== "GET" && req.method !== "HEAD")) {
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
    return;
  }
  const report = await healthReport(db, dbTarget, appVersion);
  res.writeHead(report.status === "down" ? 503 : 200, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : JSON.stringify(report));
});
