import { describePodTemplate } from "./describers";
import { DescribeWriter } from "./writer";

/** kubectl's printTemplate: DescribePodTemplate through a bare PrefixWriter (tabs are not aligned). */
export function podTemplateText(template: unknown): string {
  const w = new DescribeWriter();
  describePodTemplate(w, template);
  return w.raw();
}
