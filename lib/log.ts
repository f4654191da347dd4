// Structured JSON logs (pino) on stdout. One line per event; request lines carry `reqId` and,
// when signed in, `userId`. Secrets never reach the log: known secret-bearing keys are redacted
// wherever they appear, and request headers are not logged wholesale.
import pino from "pino";

const REDACT = [
  "password",
  "passwordHash",
  "token",
  "secret",
  "cookie",
  "authorization",
  "*.password",
  "*.passwordHash",
  "*.token",
  "*.secret",
  "*.cookie",
  "*.authorization",
  "*.headers.cookie",
  "*.headers.authorization",
];

export const loggerOptions: pino.LoggerOptions = {
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { app: "kubecoach" },
  redact: { paths: REDACT, censor: "[redacted]" },
  // Error objects keep their stack and cause chain under `err`.
  serializers: { err: pino.stdSerializers.errWithCause },
  timestamp: pino.stdTimeFunctions.isoTime,
};

const cache = globalThis as typeof globalThis & { __kubecoachLogger?: pino.Logger };

export const logger: pino.Logger = cache.__kubecoachLogger ?? pino(loggerOptions);
cache.__kubecoachLogger = logger;
