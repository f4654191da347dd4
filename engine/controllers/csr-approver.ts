import type { CertificateSigningRequest } from "kubernetes-types/certificates/v1";
import type { ApiClient } from "../api/client";
import type { KubeObject } from "../api/types";

/**
 * kube-controller-manager's csrapproving controller: a kubelet client CSR is approved when its
 * requester may `create certificatesigningrequests/selfnodeclient` (renewing its own certificate)
 * or `.../nodeclient` (a bootstrap token: kubeadm binds its group to that), asked as a
 * SubjectAccessReview, so removing kubeadm's auto-approve bindings leaves new CSRs Pending.
 */
type CSR = CertificateSigningRequest & KubeObject;

const KUBELET_CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";
const ALLOWED_USAGES = new Set(["digital signature", "key encipherment", "client auth"]);

interface Recognizer {
  subresource: "selfnodeclient" | "nodeclient";
  message: string;
  recognize(csr: CSR, subject: { commonName: string; organizations: string[] }): boolean;
}

function isNodeClientCert(csr: CSR, subject: { commonName: string; organizations: string[] }): boolean {
  const usages = csr.spec?.usages ?? [];
  return (
    csr.spec?.signerName === KUBELET_CLIENT_SIGNER &&
    subject.organizations.length === 1 &&
    subject.organizations[0] === "system:nodes" &&
    subject.commonName.startsWith("system:node:") &&
    usages.includes("client auth") &&
    usages.every((u) => ALLOWED_USAGES.has(u))
  );
}

const RECOGNIZERS: Recognizer[] = [
  {
    subresource: "selfnodeclient",
    message: "Auto approving self kubelet client certificate after SubjectAccessReview.",
    recognize: (csr, subject) => isNodeClientCert(csr, subject) && csr.spec?.username === subject.commonName,
  },
  {
    subresource: "nodeclient",
    message: "Auto approving kubelet client certificate after SubjectAccessReview.",
    recognize: isNodeClientCert,
  },
];

function allowed(client: ApiClient, csr: CSR, subresource: string): boolean {
  const review = client.create({
    apiVersion: "authorization.k8s.io/v1",
    kind: "SubjectAccessReview",
    metadata: {},
    spec: {
      user: csr.spec?.username,
      uid: csr.spec?.uid,
      groups: csr.spec?.groups,
      extra: csr.spec?.extra,
      resourceAttributes: { group: "certificates.k8s.io", resource: "certificatesigningrequests", verb: "create", subresource },
    },
  });
  return (review.status as { allowed?: boolean } | undefined)?.allowed === true;
}

/** The approval message for a CSR the controller approves, or undefined to leave it pending. */
export function autoApprovalMessage(client: ApiClient, csr: CSR, subject: { commonName: string; organizations: string[] }): string | undefined {
  for (const r of RECOGNIZERS) {
    if (r.recognize(csr, subject) && allowed(client, csr, r.subresource)) return r.message;
  }
  return undefined;
}
