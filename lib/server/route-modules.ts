// Modules that register the custom server's routes (see ./routes.ts); server.ts loads each at
// start-up, before it accepts connections. Add one line per feature, e.g. the terminal gateway.
export const routeModules: Array<() => Promise<unknown>> = [
  () => import("./health-route"),
  () => import("../terminal/route"),
  () => import("../k8s-gateway/route"),
  () => import("../exams/deadline-sweeper"),
];
