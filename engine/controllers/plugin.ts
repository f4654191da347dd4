import type { ClusterPlugin } from "../cluster/cluster";
import { bootstrapScheduler, installScheduler } from "../scheduler/install";
import { certificateController, csrApprovalSubresource } from "./certificates";
import { cronJobController } from "./cronjob";
import { daemonSetController } from "./daemonset";
import { deploymentController } from "./deployment/controller";
import { eventTtlController } from "./event-ttl";
import { endpointSliceController, endpointsController } from "./endpoints";
import { disruptionController } from "./disruption";
import { evictionSubresource } from "./eviction";
import { garbageCollector } from "./garbage-collector";
import { hpaController } from "./hpa";
import { jobController } from "./job";
import { nodeLifecycleController } from "./node-lifecycle";
import { defaultTolerationSeconds, taintEvictionController } from "./taint-eviction";
import { ttlAfterFinishedController } from "./ttl-after-finished";
import { serviceAccountController } from "./serviceaccount";
import { statefulSetController } from "./statefulset";
import { persistentVolumeBinder } from "./volumes/binder";
import { LOCAL_PATH_STORAGE_CLASS, localPathProvisioner } from "./volumes/provisioner";
import { REPLICASET, REPLICATION_CONTROLLER, replicaController } from "./replicaset";

/**
 * Controllers that run inside kube-controller-manager: pause these (ControllerManager.setPaused)
 * while its static pod is down. The local-path provisioner and the event TTL are not among them.
 */
export const KUBE_CONTROLLER_MANAGER_CONTROLLERS = [
  "namespace-controller",
  "garbage-collector",
  "serviceaccount-controller",
  "endpoints-controller",
  "endpointslice-controller",
  "persistentvolume-binder",
  "disruption-controller",
  "csr-controller",
  "horizontal-pod-autoscaler",
  "node-lifecycle-controller",
  "taint-eviction-controller",
  "deployment-controller",
  "replicaset-controller",
  "replication-controller",
  "daemonset-controller",
  "statefulset-controller",
  "job-controller",
  "cronjob-controller",
  "ttl-after-finished-controller",
];

/**
 * kube-controller-manager and kube-scheduler for a simulated cluster: every control loop of
 * issue #6, and the pods/binding and pods/eviction subresources they rely on.
 */
export const controllersPlugin: ClusterPlugin = {
  name: "controllers",
  install(cluster) {
    cluster.addController("event-ttl", eventTtlController);
    cluster.addController("garbage-collector", garbageCollector);
    cluster.addController("serviceaccount-controller", serviceAccountController);
    cluster.addController("endpoints-controller", endpointsController);
    cluster.addController("endpointslice-controller", endpointSliceController);
    cluster.addController("persistentvolume-binder", persistentVolumeBinder);
    cluster.addController("local-path-provisioner", localPathProvisioner);
    cluster.addController("disruption-controller", disruptionController);
    cluster.addController("csr-controller", certificateController(cluster));
    cluster.addController("horizontal-pod-autoscaler", hpaController(cluster));
    if (!cluster.apiserver.subresources.has("certificates.k8s.io/certificatesigningrequests/approval")) {
      cluster.apiserver.registerSubresource("certificates.k8s.io", "certificatesigningrequests", "approval", csrApprovalSubresource);
    }
    cluster.addController("node-lifecycle-controller", nodeLifecycleController);
    cluster.addController("taint-eviction-controller", taintEvictionController(cluster));
    cluster.apiserver.registerSubresource("", "pods", "eviction", evictionSubresource);
    cluster.apiserver.admission.push(defaultTolerationSeconds);
    installScheduler(cluster);
    cluster.addController("deployment-controller", deploymentController);
    cluster.addController("replicaset-controller", replicaController(REPLICASET));
    cluster.addController("replication-controller", replicaController(REPLICATION_CONTROLLER));
    cluster.addController("daemonset-controller", daemonSetController);
    cluster.addController("statefulset-controller", statefulSetController);
    cluster.addController("job-controller", jobController);
    cluster.addController("cronjob-controller", cronJobController);
    cluster.addController("ttl-after-finished-controller", ttlAfterFinishedController);
  },
  bootstrap(cluster) {
    bootstrapScheduler(cluster);
    if (!cluster.admin.get("storage.k8s.io", "storageclasses", undefined, "local-path")) cluster.admin.create(LOCAL_PATH_STORAGE_CLASS);
  },
};
