/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { breakdownRule, combineResourceGroup, compactRules, goList, sortRules, type PolicyRule } from "../auth/rules";
import { DescribeWriter, printAnnotations, printLabels } from "./writer";

/**
 * kubectl describe for Roles, ClusterRoles and their bindings (k8s.io/kubectl/pkg/describe v1.33):
 * rules are broken down, compacted and sorted as kubectl does, so equal rules print once.
 */
type Any = any;

export function describeRole(role: KubeObject): string {
  const rules: PolicyRule[] = (role as Any).rules ?? [];
  const compacted = sortRules(compactRules(rules.flatMap(breakdownRule)));
  const w = new DescribeWriter();
  w.write(0, `Name:\t${role.metadata.name}\n`);
  printLabels(w, "Labels", role.metadata.labels);
  printAnnotations(w, "Annotations", role.metadata.annotations);
  w.write(0, "PolicyRule:\n");
  w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
  w.write(1, "---------\t-----------------\t--------------\t-----\n");
  for (const r of compacted) w.write(1, `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`);
  return w.toString();
}

export function describeRoleBinding(binding: KubeObject): string {
  const x = binding as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${binding.metadata.name}\n`);
  printLabels(w, "Labels", binding.metadata.labels);
  printAnnotations(w, "Annotations", binding.metadata.annotations);
  w.write(0, "Role:\n");
  w.write(1, `Kind:\t${x.roleRef?.kind ?? ""}\n`);
  w.write(1, `Name:\t${x.roleRef?.name ?? ""}\n`);
  w.write(0, "Subjects:\n");
  w.write(1, "Kind\tName\tNamespace\n");
  w.write(1, "----\t----\t---------\n");
  for (const s of x.subjects ?? []) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ""}\n`);
  return w.toString();
}
