import { registerCommand } from "../../cli/command";
import { StatusError } from "../../cli/errors";
import { check } from "../../client/rest";
import { TabWriter } from "../../printers/tabwriter";
import { printerFor } from "../options";

/** `kubectl auth whoami`: a SelfSubjectReview, printed as an ATTRIBUTE/VALUE table or with -o. */
interface UserInfo {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

function table(user: UserInfo): string {
  let text = "";
  const w = new TabWriter((s) => (text += s));
  w.write("ATTRIBUTE\tVALUE\n");
  if (user.username) w.write(`Username\t${user.username}\n`);
  if (user.uid) w.write(`UID\t${user.uid}\n`);
  if ((user.groups ?? []).length > 0) w.write(`Groups\t[${user.groups!.join(" ")}]\n`);
  for (const key of Object.keys(user.extra ?? {}).sort()) w.write(`Extra: ${key}\t[${user.extra![key].join(" ")}]\n`);
  w.flush();
  return text;
}

registerCommand("auth whoami", (c) => {
  // The typed object keeps Go's field order in JSON (kind, apiVersion, metadata, status).
  const printer = printerFor(c, { keepOrder: true });
  let review: { status?: { userInfo?: UserInfo } };
  try {
    review = check(
      c.factory.rest().request({
        method: "POST",
        path: "/apis/authentication.k8s.io/v1/selfsubjectreviews",
        body: { kind: "SelfSubjectReview", apiVersion: "authentication.k8s.io/v1", metadata: { creationTimestamp: null }, status: { userInfo: {} } },
        headers: { "content-type": "application/json" },
      }),
    ) as typeof review;
  } catch (e) {
    if (e instanceof StatusError && e.status.code === 403) throw new Error("the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it");
    if (e instanceof StatusError && e.status.code === 404) throw new Error("the selfsubjectreviews API is not enabled in the cluster\nenable APISelfSubjectReview feature gate and authentication.k8s.io/v1alpha1 or authentication.k8s.io/v1beta1 API");
    throw e;
  }
  c.out(printer ? printer.print(review as Record<string, unknown>) : table(review.status?.userInfo ?? {}));
  return 0;
});
