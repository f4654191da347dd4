import type { ResourceStrategy } from "../resource";
import { Path } from "../validation/field";
import { validatePodTemplateSpec } from "../validation/workloads";
import { defaultPodTemplate } from "./defaults/pod-spec";
import { child, type Json } from "./util";
import { templateWarnings } from "./warnings";

/** PodTemplates: a PodTemplateSpec under `template`, defaulted and validated like a workload's. */
export const podTemplateStrategy: ResourceStrategy = {
  warnings: templateWarnings(["template"], false),
  defaults(obj) {
    defaultPodTemplate(obj, child(obj as unknown as Json, "template"));
  },
  validate: (obj) => validatePodTemplateSpec((obj as unknown as Json).template as Json, Path.root("template")),
};
