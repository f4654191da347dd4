import type { Environment, EnvironmentPlugin } from "../cluster/environment";
import type { FileOwner, HostFileSystem } from "./filesystem";
import { directive, execStart, findUnitFiles } from "./unit-files";
import type { Host } from "./host";
import {
  BASE_UNITS,
  BASHRC,
  CANDIDATE_UID,
  etcHosts,
  GROUP,
  ISSUE,
  LSB_RELEASE,
  OS_RELEASE,
  PASSWD,
  PROFILE,
  RESOLV_CONF,
  SHADOW,
  SUDOERS,
  SUDOERS_CANDIDATE,
  VIMRC,
} from "./base-files";

/**
 * Seeds what every machine of the environment has outside Kubernetes (the kubeadm plugin seeds the
 * Kubernetes files): Ubuntu's identity files, /etc/hosts naming every machine, the accounts `root`
 * and `candidate` with their home directories and start-up files, and the base systemd units. On an
 * exam-style workstation, `candidate` gets a kubeconfig with a context per cluster.
 */
export const BOOT_TIME_KEY = "hosts.bootTime";

const DIRECTORIES: [string, number][] = [
  ["/bin", 0o755], ["/boot", 0o755], ["/etc", 0o755], ["/etc/sudoers.d", 0o750], ["/etc/ssh", 0o755], ["/etc/systemd/system", 0o755],
  ["/home", 0o755], ["/lib", 0o755], ["/media", 0o755], ["/mnt", 0o755], ["/opt", 0o755], ["/root", 0o700], ["/run", 0o755],
  ["/sbin", 0o755], ["/srv", 0o755], ["/sys", 0o555], ["/tmp", 0o1777], ["/usr", 0o755], ["/usr/bin", 0o755], ["/usr/lib", 0o755],
  ["/usr/local", 0o755], ["/usr/local/bin", 0o755], ["/usr/local/sbin", 0o755], ["/usr/sbin", 0o755], ["/usr/share", 0o755],
  ["/var", 0o755], ["/var/lib", 0o755], ["/var/log", 0o775], ["/var/tmp", 0o1777], ["/var/mail", 0o2775], ["/var/cache", 0o755],
];

/** Ubuntu's owners where they are not root:root (group ids as in base-files.ts' GROUP). */
const CANDIDATE: FileOwner = { uid: CANDIDATE_UID, gid: CANDIDATE_UID };
const GROUP_OWNED: [string, number][] = [["/etc/shadow", 42], ["/var/log", 111], ["/var/mail", 8]];

function write(fs: HostFileSystem, path: string, content: string, mode = 0o644, owner?: FileOwner): void {
  if (!fs.existsSync(path)) fs.writeFileSync(path, content, { mode, owner });
}

function mkdir(fs: HostFileSystem, path: string, mode: number, owner?: FileOwner): void {
  if (!fs.existsSync(path)) fs.mkdirSync(path, { recursive: true, owner });
  void fs.chmod(path, mode);
}

export function seedBaseHost(env: Environment, host: Host): void {
  const fs = host.fs;
  for (const [dir, mode] of DIRECTORIES) mkdir(fs, dir, mode);
  const peers = [...env.hosts.values()].filter((h) => h !== host).map((h) => ({ name: h.name, ip: h.ip }));
  write(fs, "/etc/hostname", `${host.name}\n`);
  write(fs, "/etc/hosts", etcHosts([{ name: host.name, ip: host.ip }, ...peers]));
  write(fs, "/etc/resolv.conf", RESOLV_CONF);
  write(fs, "/etc/os-release", OS_RELEASE);
  write(fs, "/etc/lsb-release", LSB_RELEASE);
  write(fs, "/etc/issue", ISSUE);
  write(fs, "/etc/timezone", "Etc/UTC\n");
  write(fs, "/etc/passwd", PASSWD);
  write(fs, "/etc/group", GROUP);
  write(fs, "/etc/shadow", SHADOW, 0o640);
  write(fs, "/etc/sudoers", SUDOERS, 0o440);
  write(fs, "/etc/sudoers.d/90-candidate", SUDOERS_CANDIDATE, 0o440);
  write(fs, "/etc/skel/.bashrc", BASHRC);
  write(fs, "/etc/skel/.profile", PROFILE);
  write(fs, "/etc/vim/vimrc.local", VIMRC);
  for (const [home, mode, owner] of [["/root", 0o700, undefined], ["/home/candidate", 0o750, CANDIDATE]] as const) {
    mkdir(fs, home, mode, owner);
    write(fs, `${home}/.bashrc`, BASHRC, 0o644, owner);
    write(fs, `${home}/.profile`, PROFILE, 0o644, owner);
    write(fs, `${home}/.vimrc`, VIMRC, 0o644, owner);
  }
  for (const [path, gid] of GROUP_OWNED) if (fs.existsSync(path)) fs.chownSync(path, { gid });
  for (const [name, unit] of Object.entries(BASE_UNITS)) {
    write(fs, `/usr/lib/systemd/system/${name}.service`, unit.file);
    if (!host.services.get(name)) host.services.define(name, unit.description, { active: true, enabled: true });
  }
}

/** A kubeconfig for the workstation's candidate: every cluster's admin credentials, one context each. */
function workstationKubeconfig(env: Environment): string | undefined {
  const clusters: string[] = [];
  const contexts: string[] = [];
  const users: string[] = [];
  let current: string | undefined;
  for (const cluster of env.clusters.values()) {
    const cp = cluster.spec.nodes.find((n) => n.role === "control-plane");
    const admin = cp ? env.hosts.get(cp.name)?.fs.readFileSync("/etc/kubernetes/admin.conf") : undefined;
    if (!admin) continue;
    const field = (name: string) => new RegExp(`${name}: (\\S+)`).exec(admin)?.[1];
    const ca = field("certificate-authority-data");
    const server = field("server");
    const cert = field("client-certificate-data");
    const key = field("client-key-data");
    if (!ca || !server || !cert || !key) continue;
    const name = cluster.name;
    const user = `${name}-admin`;
    clusters.push(`- cluster:\n    certificate-authority-data: ${ca}\n    server: ${server}\n  name: ${name}`);
    // kubeadm's context name, as the exam pages' `kubectl config use-context` lines and the
    // downloadable kubeconfig (lib/k8s-gateway/kubeconfig.ts) name it.
    const context = `kubernetes-admin@${name}`;
    contexts.push(`- context:\n    cluster: ${name}\n    user: ${user}\n  name: ${context}`);
    users.push(`- name: ${user}\n  user:\n    client-certificate-data: ${cert}\n    client-key-data: ${key}`);
    current ??= context;
  }
  if (!current) return undefined;
  return `apiVersion: v1\nclusters:\n${clusters.join("\n")}\ncontexts:\n${contexts.join("\n")}\ncurrent-context: ${current}\nkind: Config\npreferences: {}\nusers:\n${users.join("\n")}\n`;
}

const RESTART_TIMER = "systemd-restart";

/** systemd's Restart= handling: each host's units restart on the environment's clock. */
function installSystemd(env: Environment): void {
  env.clock.onTimer(RESTART_TIMER, (key) => {
    const [hostName, unit] = key.split("/");
    env.hosts.get(hostName)?.services.retry(unit);
  });
  for (const host of env.hosts.values()) {
    host.services.setRuntime({
      restartPolicy: (unit) => {
        const files = findUnitFiles(host.fs, unit);
        const sec = directive(files, "Service", "RestartSec");
        return { restart: directive(files, "Service", "Restart") ?? "no", restartSec: sec ? parseFloat(sec) : 0.1 };
      },
      schedule: (unit, delayMs) => env.clock.scheduleIn(Math.max(100, delayMs), RESTART_TIMER, `${host.name}/${unit}`),
      missingExecutable: (unit) => {
        const program = execStart(findUnitFiles(host.fs, unit))?.replace(/^[-@:+!]+/, "").split(/\s+/)[0];
        return program && misplacedBinary(host.fs, program) ? program : undefined;
      },
    });
  }
}

/**
 * Where the machine's system programs are installed. Their binaries are not files in the simulated
 * tree, so a unit naming one of them elsewhere (the exam's broken kubelet:
 * ExecStart=/usr/local/bin/kubelet) is what systemd cannot exec; other paths are taken as present.
 */
const SYSTEM_BINARIES = ["/usr/bin/kubelet", "/usr/bin/containerd", "/usr/sbin/sshd", "/usr/sbin/cron", "/usr/sbin/rsyslogd"];

function misplacedBinary(fs: HostFileSystem, program: string): boolean {
  if (!program.startsWith("/") || SYSTEM_BINARIES.includes(program) || fs.existsSync(program)) return false;
  const name = program.slice(program.lastIndexOf("/") + 1);
  return SYSTEM_BINARIES.some((path) => path.endsWith(`/${name}`));
}

export const hostBasePlugin: EnvironmentPlugin = {
  name: "host-base",
  install(env) {
    installSystemd(env);
  },
  bootstrap(env) {
    env.extra[BOOT_TIME_KEY] = env.clock.now();
    for (const host of env.hosts.values()) seedBaseHost(env, host);
    for (const host of env.hosts.values()) {
      if (host.role !== "workstation") continue;
      const config = workstationKubeconfig(env);
      if (config) {
        write(host.fs, "/home/candidate/.kube/config", config, 0o600, CANDIDATE);
        host.fs.chownSync("/home/candidate/.kube", CANDIDATE);
      }
    }
  },
};

export { CANDIDATE_UID };
