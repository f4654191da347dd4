import { PROGRAMS } from "../programs";
import { journalctl } from "./systemd/journalctl";
import { systemctl } from "./systemd/systemctl";

/**
 * Generic Linux programs of the lab's machines (not Kubernetes-specific ones: those live with
 * kubectl and the control plane). Each is a Program over the host it runs on.
 */
PROGRAMS.register(["systemctl"], systemctl);
PROGRAMS.register(["journalctl"], journalctl);
