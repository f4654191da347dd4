import type { Metadata } from "next";
import { EmptyState, PageHeader } from "../_components/ui";

export const metadata: Metadata = { title: "Practice" };

export default function PracticePage() {
  return (
    <div>
      <PageHeader title="Practice" intro="Timed tasks in a simulated cluster, solved with kubectl in a web terminal and graded on the cluster's final state." />
      <EmptyState title="Not open yet">The task catalogue and the web terminal are being built and will open here.</EmptyState>
    </div>
  );
}
