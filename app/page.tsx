import { getCurrentUser } from "@/lib/auth/session";
import { ButtonLink, Card } from "./_components/ui";

const FEATURES = [
  {
    title: "A cluster in your browser, in milliseconds",
    body: "Every task runs in a faithful Kubernetes simulation: kubectl, nodes, control-plane components, etcd and the files on each host. Nothing to install, no VM to wait for.",
  },
  {
    title: "Timed tasks, graded on the result",
    body: "Tasks are written like the CKA's: fix a broken node, back up etcd, expose a deployment. When you finish, checks read the cluster's final state and tell you what passed and why.",
  },
  {
    title: "Mock exams under exam conditions",
    body: "A full timed exam across several clusters and contexts, with a pass mark, so the real one holds no surprises.",
  },
  {
    title: "Lessons linked to practice",
    body: "Short lessons on each exam domain, each pointing at the tasks that practise it. Instructors follow their cohorts' progress.",
  },
];

export default async function LandingPage() {
  const user = await getCurrentUser();
  return (
    <div className="space-y-14">
      <section className="max-w-3xl">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600 dark:text-brand-300">Certified Kubernetes Administrator</p>
        <h1 className="mt-2 text-4xl font-bold tracking-tight sm:text-5xl">Practise for the CKA in a cluster that answers like a real one.</h1>
        <p className="mt-5 text-lg text-slate-600 dark:text-slate-300">
          Kubecoach is a training ground for the CKA exam: read a lesson, open a timed task, solve it with kubectl in a web
          terminal, and get graded on what you actually changed in the cluster.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          {user ? (
            <ButtonLink href="/dashboard">Go to your dashboard</ButtonLink>
          ) : (
            <>
              <ButtonLink href="/signup">Create a free account</ButtonLink>
              <ButtonLink href="/signin" variant="secondary">
                Sign in
              </ButtonLink>
            </>
          )}
        </div>
      </section>

      <section aria-labelledby="what" className="grid gap-4 sm:grid-cols-2">
        <h2 id="what" className="sr-only">
          What Kubecoach offers
        </h2>
        {FEATURES.map((f) => (
          <Card key={f.title} title={f.title}>
            <p className="text-sm text-slate-600 dark:text-slate-400">{f.body}</p>
          </Card>
        ))}
      </section>

      <section className="rounded-xl bg-slate-50 p-5 text-sm text-slate-600 dark:bg-slate-900 dark:text-slate-400">
        <strong className="text-slate-800 dark:text-slate-200">Where things stand:</strong> accounts, sign-in and your dashboard work
        today. The web terminal, the task catalogue, mock exams and lessons are being built now and appear in the menu as they land.
      </section>
    </div>
  );
}
