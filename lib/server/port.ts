// Fails fast, in words, when the port is taken — usually by a Kubecoach that is already
// running, which would also hold the SQLite database and make start-up fail less clearly.
import { createServer } from "node:net";

export function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new Error(`Port ${port} is already in use. Is Kubecoach already running? Stop it, or set PORT.`) : err),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
