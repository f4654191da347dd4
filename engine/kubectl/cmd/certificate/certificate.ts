/* eslint-disable @typescript-eslint/no-explicit-any */
import { registerCommand, type CommandContext } from "../../cli/command";
import { AggregateError, StatusError } from "../../cli/errors";
import { kindPrefix } from "../../client/discovery";
import { check } from "../../client/rest";
import { fetchInfos, targetsFromFlags } from "../../resource/infos";
import { printerFor } from "../options";

/**
 * `kubectl certificate approve|deny`: adds the Approved or Denied condition to each CSR through
 * the /approval subresource (once, unless --force), refuses a CSR already given the opposite
 * answer, and prints each CSR with the operation like kubectl's name printer.
 */
interface Decision {
  condition: "Approved" | "Denied";
  opposite: "Approved" | "Denied";
  reason: string;
  message: string;
  operation: string;
}

const APPROVE: Decision = { condition: "Approved", opposite: "Denied", reason: "KubectlApprove", message: "This CSR was approved by kubectl certificate approve.", operation: "approved" };
const DENY: Decision = { condition: "Denied", opposite: "Approved", reason: "KubectlDeny", message: "This CSR was denied by kubectl certificate deny.", operation: "denied" };

/** How many times kubectl retries an approval that lost a race (a Conflict). */
const CONFLICT_RETRIES = 10;

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

function decide(c: CommandContext, decision: Decision): number {
  if (c.args.length < 1 && c.flags.strings("filename").length === 0 && !c.flags.string("kustomize")) throw new Error("one or more CSRs must be specified as <name> or -f <filename>");
  const printer = printerFor(c);
  const force = c.flags.bool("force");
  // kubectl's Builder.ResourceNames: a TYPE/NAME argument (from `kubectl get csr -o name`) keeps its
  // own type; a bare name is a CSR.
  const targets = targetsFromFlags(c, c.args.map((arg) => (arg.includes("/") ? arg : `certificatesigningrequests/${arg}`)));
  const { infos, errors } = fetchInfos(c, targets);
  const rest = c.factory.rest();
  let found = 0;
  const all: Error[] = [...errors];
  for (const info of infos) {
    if (info.mapping.group !== "certificates.k8s.io" || info.mapping.kind !== "CertificateSigningRequest") {
      all.push(new Error(`can only handle CertificateSigningRequest.certificates.k8s.io objects, got ${info.mapping.kind}${info.mapping.group ? `.${info.mapping.group}` : ""}`));
      continue;
    }
    try {
      for (let attempt = 0; ; attempt++) {
        const path = `/apis/certificates.k8s.io/v1/certificatesigningrequests/${info.name}`;
        const got = rest.request({ method: "GET", path });
        if (got.status === 404) throw new Error(`could not find v1 or v1beta1 version of ${info.name}: ${(got.body as { message?: string }).message ?? ""}`);
        const csr = JSON.parse(JSON.stringify(check(got))) as any;
        const conditions: any[] = csr.status?.conditions ?? [];
        const clash = conditions.find((x) => x.type === decision.opposite);
        if (clash) throw new Error(`certificate signing request "${info.name}" is already ${clash.type}`);
        const already = conditions.some((x) => x.type === decision.condition);
        if (already && !force) break;
        if (!already) {
          csr.status = { ...(csr.status ?? {}), conditions: [...conditions, { type: decision.condition, status: "True", reason: decision.reason, message: decision.message, lastUpdateTime: rfc3339(c.ctx.environment.clock.now()), lastTransitionTime: null }] };
        }
        const response = rest.request({ method: "PUT", path: `${path}/approval`, body: csr, headers: { "content-type": "application/json" } });
        if (response.status === 409 && attempt < CONFLICT_RETRIES) continue;
        check(response);
        break;
      }
      found++;
      c.out(printer ? printer.print(info.object) : `${kindPrefix(info.mapping)}/${info.name} ${decision.operation}\n`);
    } catch (e) {
      if (!(e instanceof StatusError) && !(e instanceof Error)) throw e;
      all.push(e);
    }
  }
  if (found === 0 && all.length === 0) c.out("No resources found\n");
  if (all.length > 0) throw new AggregateError(all);
  return 0;
}

registerCommand("certificate approve", (c) => decide(c, APPROVE));
registerCommand("certificate deny", (c) => decide(c, DENY));
