import type { Job } from "kubernetes-types/batch/v1";
import { splitKey, type ControllerFactory } from "./controller";

/** When a job finished: its Complete or Failed condition's transition time. */
function finishedAt(job: Job): number | undefined {
  const c = (job.status?.conditions ?? []).find((x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True");
  return c ? Date.parse(c.lastTransitionTime ?? "") : undefined;
}

/** The TTL-after-finished controller: deletes finished Jobs (with their pods, in the foreground) ttlSecondsAfterFinished later. */
export const ttlAfterFinishedController: ControllerFactory = ({ client, clock, requeueAfter }) => ({
  name: "ttl-after-finished-controller",
  watches: ["batch/jobs"],
  resync: () => client.server.store.list("batch/jobs").map((j) => `${j.metadata.namespace}/${j.metadata.name}`),
  reconcile(key) {
    const { namespace, name } = splitKey(key);
    const obj = client.get("batch", "jobs", namespace, name);
    if (!obj || obj.metadata.deletionTimestamp) return;
    const job = obj as unknown as Job;
    const ttl = job.spec?.ttlSecondsAfterFinished;
    const done = finishedAt(job);
    if (ttl === undefined || ttl === null || done === undefined) return;
    const expires = done + ttl * 1000;
    if (expires > clock.now()) {
      requeueAfter(key, expires - clock.now());
      return;
    }
    client.delete("batch", "jobs", namespace, name, { propagationPolicy: "Foreground", preconditions: { uid: obj.metadata.uid } });
  },
});
