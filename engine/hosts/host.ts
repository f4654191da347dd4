import { HostFileSystem, type FsSnapshot } from "./filesystem";
import { ServiceManager, type ServicesSnapshot } from "./services";

export type HostRole = "workstation" | "control-plane" | "worker";

export interface HostSnapshot {
  name: string;
  role: HostRole;
  ip: string;
  cluster?: string;
  fs: FsSnapshot;
  services: ServicesSnapshot;
}

/**
 * A machine of the environment: the learner's workstation or a cluster node. It has a filesystem
 * and systemd units; nodes also belong to a cluster, whose kubelet reads this host's files.
 */
export class Host {
  readonly fs: HostFileSystem;
  readonly services: ServiceManager;

  constructor(
    readonly name: string,
    readonly role: HostRole,
    readonly ip: string,
    now: () => number,
    readonly cluster?: string,
  ) {
    this.fs = new HostFileSystem(now);
    this.services = new ServiceManager(now);
  }

  snapshot(): HostSnapshot {
    return {
      name: this.name,
      role: this.role,
      ip: this.ip,
      ...(this.cluster ? { cluster: this.cluster } : {}),
      fs: this.fs.snapshot(),
      services: this.services.snapshot(),
    };
  }

  /** `fileTime` maps each stored file time (a restore moved in time moves them as it reads them). */
  restore(snapshot: HostSnapshot, fileTime?: (at: number) => number): void {
    this.fs.restore(snapshot.fs, fileTime);
    this.services.restore(snapshot.services);
  }
}
