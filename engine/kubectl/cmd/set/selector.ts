import { registerCommand } from "../../cli/command";
import { usageError } from "../../cli/errors";
import { applyPatches, commonChecks, setInfos } from "./common";

/** `kubectl set selector svc NAME k=v,…`: replaces a Service's selector (the only kind kubectl allows). */
registerCommand("set selector", (c) => {
  const dryRun = commonChecks(c);
  const args = [...c.args];
  const hasFiles = c.flags.strings("filename").length > 0;
  if (args.length < (hasFiles ? 1 : 2)) throw usageError(c.commandPath, "one or more resources and a selector must be specified");
  const expression = args.pop()!;
  const selector: Record<string, string> = {};
  for (const term of expression.split(",").filter(Boolean)) {
    const m = /^([^=!]+)==?(.*)$/.exec(term);
    if (!m) throw new Error(`invalid selector: ${expression}`);
    selector[m[1]] = m[2];
  }
  const infos = setInfos(c, args);
  for (const info of infos) if (info.object.kind !== "Service") throw new Error("setting a selector is only supported for Services");
  applyPatches(c, infos, dryRun, { operation: "selector updated", failurePrefix: "failed to patch selector update" }, (obj) => {
      obj.spec = { ...(obj.spec ?? {}), selector };
      const rv = c.flags.string("resource-version");
      if (rv) obj.metadata.resourceVersion = rv;
      return undefined;
    });
  return 0;
});
