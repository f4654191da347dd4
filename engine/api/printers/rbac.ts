import type { RoleBinding, Subject } from "kubernetes-types/rbac/v1";
import { column, NAME_COLUMN, type TablePrinter } from "../table";
import { AGE_COLUMN, creationAge, docColumn } from "./format";

/** RoleBindings and ClusterRoleBindings (printers.go v1.33); Roles and ClusterRoles use the default table. */

/** rbac.SubjectsStrings: users, groups and `namespace/name` service accounts. */
export function subjectStrings(subjects: Subject[] | undefined): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === "ServiceAccount") serviceAccounts.push(`${s.namespace ?? ""}/${s.name}`);
    else if (s.kind === "User") users.push(s.name);
    else if (s.kind === "Group") groups.push(s.name);
  }
  return { users, groups, serviceAccounts };
}

function bindingPrinter(kind: "roleBinding" | "clusterRoleBinding"): TablePrinter {
  return {
    columns: [
      NAME_COLUMN,
      docColumn("Role", "string", kind === "roleBinding" ? "rb.roleRef" : "crb.roleRef"),
      AGE_COLUMN,
      column("Users", "string", `Users in the ${kind}`, { priority: 1 }),
      column("Groups", "string", `Groups in the ${kind}`, { priority: 1 }),
      column("ServiceAccounts", "string", `ServiceAccounts in the ${kind}`, { priority: 1 }),
    ],
    rows: (obj, ctx) => {
      const binding = obj as unknown as RoleBinding;
      const { users, groups, serviceAccounts } = subjectStrings(binding.subjects);
      return [
        [
          obj.metadata.name,
          `${binding.roleRef?.kind ?? ""}/${binding.roleRef?.name ?? ""}`,
          creationAge(obj, ctx.now),
          users.join(", "),
          groups.join(", "),
          serviceAccounts.join(", "),
        ],
      ];
    },
  };
}

export const roleBindingPrinter = bindingPrinter("roleBinding");
export const clusterRoleBindingPrinter = bindingPrinter("clusterRoleBinding");
