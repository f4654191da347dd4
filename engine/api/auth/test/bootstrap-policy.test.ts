import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import { SYSTEM_ADMIN } from "../../types";
import { BOOTSTRAP_CLUSTER_ROLES } from "../rbac/bootstrap-policy";

/**
 * The bootstrap ClusterRoles as `kubectl get clusterrole <name> -o yaml` shows them on a kubeadm
 * v1.33 cluster (default feature gates), checked against kubernetes' bootstrappolicy testdata.
 */
const READ = ["get", "list", "watch"];
const WRITE = ["create", "delete", "deletecollection", "patch", "update"];
const EVENTS = { verbs: ["create", "patch", "update"], apiGroups: ["", "events.k8s.io"], resources: ["events"] };

function clusterRole(name: string) {
  const admin = Environment.create().cluster().clientFor(SYSTEM_ADMIN);
  return admin.get("rbac.authorization.k8s.io", "clusterroles", undefined, name)!;
}

describe("bootstrap ClusterRoles of a v1.33 cluster", () => {
  it("lets kube-proxy (system:node-proxier) watch ServiceCIDRs, MultiCIDRServiceAllocator being GA", () => {
    expect(clusterRole("system:node-proxier").rules).toEqual([
      { verbs: ["list", "watch"], apiGroups: [""], resources: ["endpoints", "services"] },
      { verbs: READ, apiGroups: [""], resources: ["nodes"] },
      EVENTS,
      { verbs: ["list", "watch"], apiGroups: ["networking.k8s.io"], resources: ["servicecidrs"] },
      { verbs: ["list", "watch"], apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"] },
    ]);
  });

  it("gives system:kubelet-api-admin the fine-grained kubelet subresources (KubeletFineGrainedAuthz, beta on)", () => {
    expect(clusterRole("system:kubelet-api-admin").rules).toEqual([
      { verbs: READ, apiGroups: [""], resources: ["nodes"] },
      { verbs: ["proxy"], apiGroups: [""], resources: ["nodes"] },
      { verbs: ["*"], apiGroups: [""], resources: ["nodes/log", "nodes/metrics", "nodes/proxy", "nodes/stats"] },
      { verbs: ["*"], apiGroups: [""], resources: ["nodes/configz", "nodes/healthz", "nodes/pods"] },
    ]);
  });

  it("lets the scheduler read VolumeAttachments (CSI volume limits count attachments still detaching)", () => {
    const rules = clusterRole("system:kube-scheduler").rules as { resources?: string[] }[];
    const at = (resource: string) => rules.findIndex((r) => r.resources?.includes(resource));
    expect(rules[at("volumeattachments")]).toEqual({ verbs: READ, apiGroups: ["storage.k8s.io"], resources: ["volumeattachments"] });
    expect(at("csinodes")).toBe(at("volumeattachments") - 1);
    expect(at("namespaces")).toBe(at("volumeattachments") + 1);
  });

  it("lets service accounts read the issuer discovery documents with or without the trailing slash", () => {
    expect(clusterRole("system:service-account-issuer-discovery").rules).toEqual([
      { verbs: ["get"], nonResourceURLs: ["/.well-known/openid-configuration", "/.well-known/openid-configuration/", "/openid/v1/jwks", "/openid/v1/jwks/"] },
    ]);
  });

  it("leaves out the rules of features off by default in v1.33 (DRA, ClusterTrustBundle, coordinated leader election)", () => {
    const everything = JSON.stringify(BOOTSTRAP_CLUSTER_ROLES);
    for (const gated of ["resourceclaims", "resourceslices", "clustertrustbundles", "leasecandidates", "/flagz", "/statusz"]) {
      expect(everything).not.toContain(gated);
    }
    expect(BOOTSTRAP_CLUSTER_ROLES.map((r) => r.name)).not.toContain("system:cluster-trust-bundle-discovery");
  });

  it("aggregates admin as edit's rules then system:aggregate-to-admin's, in name order", () => {
    const rules = clusterRole("admin").rules as unknown[];
    const edit = clusterRole("edit").rules as unknown[];
    const view = clusterRole("view").rules as unknown[];
    expect(view[0]).toEqual({
      verbs: READ,
      apiGroups: [""],
      resources: ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"],
    });
    // edit = system:aggregate-to-edit (13 rules) then view's; admin = edit then its two own rules.
    expect(edit).toHaveLength(13 + view.length);
    expect(edit[2]).toEqual({ verbs: WRITE, apiGroups: [""], resources: ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"] });
    expect(edit.slice(13)).toEqual(view);
    expect(rules.slice(0, edit.length)).toEqual(edit);
    expect(rules.slice(edit.length)).toEqual([
      { verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["localsubjectaccessreviews"] },
      { verbs: [...READ, ...WRITE].sort(), apiGroups: ["rbac.authorization.k8s.io"], resources: ["rolebindings", "roles"] },
    ]);
  });

  it("keeps every rule's verbs, groups, resources and URLs sorted as PolicyRuleBuilder stores them", () => {
    for (const role of BOOTSTRAP_CLUSTER_ROLES) {
      for (const rule of role.rules) {
        for (const field of ["verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs"] as const) {
          const values = rule[field];
          if (values) expect([...values].sort(), `${role.name} ${field}`).toEqual(values);
        }
      }
    }
  });
});
