import { completeKubectl } from "../kubectl";
import { registerCompleter } from "./completion";

/** Programs' own tab completion, wired to the shell (see README "registerCompleter"). */
registerCompleter("kubectl", (request) => {
  const host = request.environment.hosts.get(request.host);
  if (!host) return [];
  return completeKubectl([...request.args, request.toComplete], request.environment, host, { ...request.env, PWD: request.cwd });
});
