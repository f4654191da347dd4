/* eslint-disable @typescript-eslint/no-explicit-any */
import { registerCommand } from "../../cli/command";
import { applyPatches, commonChecks, setInfos } from "./common";

/** `kubectl set subject rolebinding|clusterrolebinding NAME --user/--group/--serviceaccount`: adds subjects. */
registerCommand("set subject", (c) => {
  const dryRun = commonChecks(c);
  const users = c.flags.strings("user");
  const groups = c.flags.strings("group");
  const serviceAccounts = c.flags.strings("serviceaccount");
  if (users.length === 0 && groups.length === 0 && serviceAccounts.length === 0) throw new Error("you must specify at least one value of user, group or serviceaccount");
  for (const sa of serviceAccounts) {
    const parts = sa.split(":");
    if (parts.length !== 2 || !parts[1]) throw new Error(`serviceaccount must be <namespace>:<name>`);
  }
  const infos = setInfos(c, c.args);
  const defaultNamespace = c.factory.namespace().namespace;
  applyPatches(c, infos, dryRun, { operation: "subjects updated", failurePrefix: "failed to patch subjects to rolebinding" }, (obj) => {
      if (obj.kind !== "RoleBinding" && obj.kind !== "ClusterRoleBinding") return "setting subjects is only supported for RoleBinding/ClusterRoleBinding";
      const subjects: any[] = [...(obj.subjects ?? [])];
      const add = (s: any) => {
        if (!subjects.some((x) => x.kind === s.kind && x.name === s.name && (x.namespace ?? "") === (s.namespace ?? ""))) subjects.push(s);
      };
      for (const u of users) add({ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: u });
      for (const g of groups) add({ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: g });
      for (const sa of serviceAccounts) {
        const [ns, name] = sa.split(":");
        add({ kind: "ServiceAccount", name, namespace: ns || defaultNamespace });
      }
      obj.subjects = subjects;
      return undefined;
    });
  return 0;
});
