import { namespaceLifecycle } from "../api/admission/namespace-lifecycle";
import { BUILTIN_RESOURCES } from "../api/kinds/catalog";
import { KIND_EXTRAS } from "../api/kinds/extras";
import { PRINTERS } from "../api/printers";
import { namespaceFinalize } from "../api/server/finalize";
import { STRATEGIES } from "../api/strategies";
import { namespaceController } from "../controllers/namespace";
import type { ClusterPlugin } from "./cluster";

const SYSTEM_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"];

/** The API server's built-in kinds with their behaviour, and the namespaces every cluster starts with. */
export const corePlugin: ClusterPlugin = {
  name: "core",
  install(cluster) {
    for (const def of BUILTIN_RESOURCES) {
      const key = `${def.group}/${def.resource}`;
      cluster.registry.register({ ...def, ...KIND_EXTRAS[key], strategy: STRATEGIES[key] ?? def.strategy, printer: PRINTERS[key] ?? def.printer });
    }
    cluster.apiserver.admission.push(namespaceLifecycle);
    cluster.apiserver.registerSubresource("", "namespaces", "finalize", namespaceFinalize);
    cluster.addController("namespace-controller", namespaceController);
  },
  bootstrap(cluster) {
    for (const name of SYSTEM_NAMESPACES) {
      cluster.admin.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
    }
  },
};
