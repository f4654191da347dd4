import { stringify } from "yaml";

/**
 * YAML the way Go's sigs.k8s.io/yaml writes it (kubeadm's manifests, kubectl -o yaml): keys sorted,
 * sequences not indented under their key, no line folding.
 */
export function goYaml(value: unknown): string {
  return stringify(value, { sortMapEntries: true, indentSeq: false, lineWidth: 0 });
}
