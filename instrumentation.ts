// Next.js calls onRequestError for every error thrown while rendering a page, running a route
// handler or a server action. It is logged in full here; the browser only sees a friendly page
// with the digest (app/error.tsx).
import type { Instrumentation } from "next";

export const onRequestError: Instrumentation.onRequestError = async (err, request, context) => {
  const { logger } = await import("./lib/log");
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  logger.error(
    {
      err,
      digest: typeof err === "object" && err !== null && "digest" in err ? String(err.digest) : undefined,
      reqId: header("x-request-id"),
      method: request.method,
      path: request.path.split("?")[0],
      route: context.routePath,
      routeType: context.routeType,
    },
    "request error",
  );
};
