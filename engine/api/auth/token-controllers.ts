import type { Cluster } from "../../cluster/cluster";
import type { ControllerFactory } from "../../controllers/controller";
import { splitKey } from "../../controllers/controller";
import type { KubeObject } from "../types";
import { clusterAuthKeys } from "./pki";
import { issueLegacyToken } from "./service-account-tokens";

export const SERVICE_ACCOUNT_TOKEN_TYPE = "kubernetes.io/service-account-token";
const SA_NAME = "kubernetes.io/service-account.name";
const SA_UID = "kubernetes.io/service-account.uid";

interface Secret extends KubeObject {
  type?: string;
  data?: Record<string, string>;
}

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/**
 * kube-controller-manager's tokens controller for legacy token Secrets: a Secret of type
 * `kubernetes.io/service-account-token` naming a service account gets `token`, `ca.crt` and
 * `namespace`, and the account's UID; a Secret whose account is gone (or was recreated) is deleted.
 */
export function legacyTokenController(cluster: Cluster): ControllerFactory {
  return ({ client }) => {
    const tokenSecrets = (namespace?: string) => client.list("", "secrets", namespace).filter((s) => (s as Secret).type === SERVICE_ACCOUNT_TOKEN_TYPE);
    return {
      name: "serviceaccount-token-controller",
      watches: ["/secrets", "/serviceaccounts"],
      keysFor(event) {
        const obj = event.object;
        if (event.typeKey === "/secrets") return (obj as Secret).type === SERVICE_ACCOUNT_TOKEN_TYPE ? [`${obj.metadata.namespace}/${obj.metadata.name}`] : [];
        return tokenSecrets(obj.metadata.namespace)
          .filter((s) => s.metadata.annotations?.[SA_NAME] === obj.metadata.name)
          .map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
      },
      resync: () => tokenSecrets().map((s) => `${s.metadata.namespace}/${s.metadata.name}`),
      reconcile(key) {
        const { namespace, name } = splitKey(key);
        const secret = client.get("", "secrets", namespace, name) as Secret | undefined;
        if (!secret || secret.type !== SERVICE_ACCOUNT_TOKEN_TYPE || secret.metadata.deletionTimestamp) return;
        const saName = secret.metadata.annotations?.[SA_NAME] ?? "";
        const sa = saName ? client.get("", "serviceaccounts", namespace, saName) : undefined;
        const recordedUid = secret.metadata.annotations?.[SA_UID];
        if (!sa || (recordedUid && recordedUid !== sa.metadata.uid)) {
          client.delete("", "secrets", namespace, name);
          return;
        }
        if (secret.data?.token && recordedUid) return;
        const keys = clusterAuthKeys(cluster);
        if (!keys) return; // no signing key seeded: the Secret stays empty, as with a broken controller-manager
        const token = issueLegacyToken(keys.serviceAccountKeyPem, { namespace: namespace!, name: saName, uid: sa.metadata.uid! }, name);
        client.patch("", "secrets", namespace, name, {
          metadata: { annotations: { [SA_UID]: sa.metadata.uid } },
          data: { "ca.crt": b64(keys.caCertPem), namespace: b64(namespace!), token: b64(token) },
        });
      },
    };
  };
}

export const ROOT_CA_CONFIGMAP = "kube-root-ca.crt";
const ROOT_CA_DESCRIPTION =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

/** The root-ca-cert-publisher: every active namespace has a `kube-root-ca.crt` ConfigMap with the cluster CA. */
export function rootCaPublisher(cluster: Cluster): ControllerFactory {
  return ({ client }) => ({
    name: "root-ca-cert-publisher",
    watches: ["/namespaces", "/configmaps"],
    keysFor(event) {
      if (event.typeKey === "/namespaces") return [event.object.metadata.name!];
      return event.object.metadata.name === ROOT_CA_CONFIGMAP ? [event.object.metadata.namespace!] : [];
    },
    resync: () => client.list("", "namespaces").map((n) => n.metadata.name!),
    reconcile(namespace) {
      const keys = clusterAuthKeys(cluster);
      const ns = client.get("", "namespaces", undefined, namespace);
      if (!keys || !ns || ns.metadata.deletionTimestamp) return;
      const wanted = { "ca.crt": keys.caCertPem };
      const existing = client.get("", "configmaps", namespace, ROOT_CA_CONFIGMAP);
      if (!existing) {
        client.create({
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { "kubernetes.io/description": ROOT_CA_DESCRIPTION } },
          data: wanted,
        });
        return;
      }
      if ((existing.data as Record<string, string> | undefined)?.["ca.crt"] !== keys.caCertPem || existing.metadata.annotations?.["kubernetes.io/description"] !== ROOT_CA_DESCRIPTION) {
        client.patch("", "configmaps", namespace, ROOT_CA_CONFIGMAP, { metadata: { annotations: { "kubernetes.io/description": ROOT_CA_DESCRIPTION } }, data: wanted });
      }
    },
  });
}
