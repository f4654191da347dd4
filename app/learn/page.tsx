import type { Metadata } from "next";
import { EmptyState, PageHeader } from "../_components/ui";

export const metadata: Metadata = { title: "Learn" };

export default function LearnPage() {
  return (
    <div>
      <PageHeader title="Learn" intro="Short lessons on each CKA exam domain — cluster architecture, workloads, services and networking, storage, troubleshooting — each linking to the tasks that practise it." />
      <EmptyState title="Not open yet">Lessons are being written and will appear here.</EmptyState>
    </div>
  );
}
