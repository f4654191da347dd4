import type { DocumentOptions, ParseOptions, SchemaOptions } from "yaml";

/**
 * How Kubernetes reads YAML: sigs.k8s.io/yaml decodes with go-yaml v2, which resolves plain
 * scalars by YAML 1.1 rules — `mode: 0400` is the octal 256, `yes`/`on`/`y` are booleans,
 * `1_000` is 1000. go-yaml v2 has no sexagesimal numbers (`1:20` stays a string), and the date
 * form is left a string here, as it reaches a string field unchanged. Pass these options to the
 * `yaml` package wherever kubectl, the API server or the kubelet read YAML.
 */
export const GO_YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: "1.1",
  customTags: (tags) => tags.filter((t) => !(typeof t === "object" && (t.format === "TIME" || t.tag === "tag:yaml.org,2002:timestamp"))),
};
