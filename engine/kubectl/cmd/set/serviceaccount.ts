import { registerCommand } from "../../cli/command";
import { applyPatches, commonChecks, notPodTemplate, podSpecOf, setInfos } from "./common";

/** `kubectl set serviceaccount TYPE NAME SERVICE_ACCOUNT`: the pod template's serviceAccountName. */
registerCommand("set serviceaccount", (c) => {
  const dryRun = commonChecks(c);
  const args = [...c.args];
  if (args.length === 0) throw new Error("serviceaccount is required");
  const serviceAccount = args.pop()!;
  if (c.flags.bool("local") && args.length > 0) throw new Error("you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'");
  const infos = setInfos(c, args);
  applyPatches(c, infos, dryRun, { operation: "serviceaccount updated", failurePrefix: "failed to patch ServiceAccountName", alwaysPatch: true }, (obj) => {
      const spec = podSpecOf(obj);
      if (!spec) return notPodTemplate(obj);
      spec.serviceAccountName = serviceAccount;
      return undefined;
    });
  return 0;
});
