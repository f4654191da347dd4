import type { Metadata } from "next";
import { EmptyState, PageHeader } from "../_components/ui";

export const metadata: Metadata = { title: "Mock exams" };

export default function ExamsPage() {
  return (
    <div>
      <PageHeader title="Mock exams" intro="Full timed exams across several clusters, with a pass mark, under exam conditions." />
      <EmptyState title="Not open yet">Mock exams arrive after the practice tasks; they will be listed here.</EmptyState>
    </div>
  );
}
