/**
 * Short manual pages for the commands a CKA candidate reaches for, written for Kubecoach: what the
 * command is for and the options that matter in the exam, in man's layout.
 */
export interface ManPage {
  section: number;
  title: string;
  name: string;
  synopsis: string[];
  description: string[];
  options?: [string, string][];
  seeAlso?: string[];
}

export const PAGES: Record<string, ManPage> = {
  kubectl: {
    section: 1, title: "KUBERNETES", name: "kubectl - controls the Kubernetes cluster manager",
    synopsis: ["kubectl [flags] COMMAND [TYPE] [NAME] [flags]"],
    description: ["kubectl talks to the API server of the cluster selected by the current context of the kubeconfig ($KUBECONFIG, else ~/.kube/config).", "Run kubectl --help, or kubectl COMMAND --help, for the commands and their flags; kubectl explain TYPE.FIELD documents resource fields."],
    options: [["-n, --namespace NAME", "the namespace to work in"], ["-A, --all-namespaces", "list across all namespaces"], ["-o, --output FORMAT", "wide, yaml, json, name, jsonpath=..., custom-columns=..."], ["--dry-run=client", "print the object that would be sent without sending it"], ["--context NAME", "use another context of the kubeconfig"]],
    seeAlso: ["kubeadm(1)", "crictl(1)"],
  },
  systemctl: {
    section: 1, title: "systemctl", name: "systemctl - Control the systemd system and service manager",
    synopsis: ["systemctl [OPTIONS...] COMMAND [UNIT...]"],
    description: ["systemctl shows and changes the state of systemd units: start, stop, restart, enable and disable services, and see why one failed."],
    options: [["status UNIT", "state, main process, drop-ins and the last journal lines of a unit"], ["start | stop | restart UNIT", "change whether a unit runs now"], ["enable | disable [--now] UNIT", "change whether a unit starts at boot"], ["daemon-reload", "re-read unit files after editing them"], ["is-active | is-enabled UNIT", "print the state; the exit status says it too"], ["list-units [--all]", "units systemd knows about"], ["cat UNIT", "the unit file and its drop-ins"]],
    seeAlso: ["journalctl(1)"],
  },
  journalctl: {
    section: 1, title: "journalctl", name: "journalctl - Print log entries from the systemd journal",
    synopsis: ["journalctl [OPTIONS...] [MATCHES...]"],
    description: ["journalctl prints the journal, oldest entry first. Kubelet failures are read with journalctl -u kubelet."],
    options: [["-u, --unit=UNIT", "only this unit's entries"], ["-n, --lines=N", "only the last N entries"], ["-f, --follow", "keep printing new entries until Ctrl-C"], ["-e, --pager-end", "jump to the end"], ["-x, --catalog", "add explanations where the journal has them"], ["--since=, --until=", "a time window (\"10 min ago\", \"2026-01-01 10:00\")"], ["--no-pager", "do not page the output"]],
    seeAlso: ["systemctl(1)"],
  },
  ip: {
    section: 8, title: "Linux", name: "ip - show / manipulate routing, network devices, interfaces and tunnels",
    synopsis: ["ip [ OPTIONS ] OBJECT { COMMAND | help }", "OBJECT := { link | address | route | netns }"],
    description: ["ip shows and changes the network configuration of the machine and of its network namespaces."],
    options: [["ip addr [show [dev DEV]]", "addresses of the interfaces"], ["ip link add NAME type veth peer name PEER", "a pair of connected virtual interfaces"], ["ip link add NAME type bridge", "a software switch"], ["ip link set DEV up | down | netns NS | master BRIDGE", "change an interface"], ["ip route [add PREFIX via GW | dev DEV]", "the routing table"], ["ip netns add | del | list | exec NS COMMAND", "network namespaces"], ["-br, -n NS", "brief output; run in namespace NS"]],
    seeAlso: ["ss(8)", "iptables(8)", "sysctl(8)"],
  },
  ssh: {
    section: 1, title: "General Commands Manual", name: "ssh - OpenSSH remote login client",
    synopsis: ["ssh [-p port] [-l login_name] [-i identity_file] destination [command [argument ...]]"],
    description: ["ssh logs into a machine of the lab (by name or address) and opens a shell there; exit comes back. With a command it runs the command there and returns its exit status."],
  },
  sudo: {
    section: 8, title: "System Manager's Manual", name: "sudo - execute a command as another user",
    synopsis: ["sudo [-u user] command", "sudo -i | -s"],
    description: ["sudo runs a command as root (or the user given with -u). sudo -i opens a root login shell."],
  },
  openssl: {
    section: 1, title: "OpenSSL", name: "openssl - OpenSSL command line program",
    synopsis: ["openssl command [ options ... ] [ parameters ... ]"],
    description: ["openssl creates keys, certificate requests and certificates, and prints certificates."],
    options: [["openssl genrsa -out KEY 2048", "a private key"], ["openssl req -new -key KEY -subj \"/CN=NAME/O=GROUP\" -out CSR", "a certificate request"], ["openssl x509 -req -in CSR -CA CA.crt -CAkey CA.key -CAcreateserial -out CRT -days N", "sign a request with a CA"], ["openssl x509 -in CRT -noout -text | -subject | -dates | -enddate", "read a certificate"]],
  },
  curl: {
    section: 1, title: "curl Manual", name: "curl - transfer a URL",
    synopsis: ["curl [options / URLs]"],
    description: ["curl requests a URL and prints the answer: the way to test a Service, an Ingress or the API server from a node or a pod."],
    options: [["-s, --silent", "no progress meter or errors"], ["-v, --verbose", "show the connection and headers"], ["-I, --head", "only the response headers"], ["-k, --insecure", "do not verify the server certificate"], ["-m, --max-time SECONDS", "give up after this long"], ["-o FILE", "write the body to FILE"]],
  },
  vim: {
    section: 1, title: "General Commands Manual", name: "vim - Vi IMproved, a programmer's text editor",
    synopsis: ["vim [file ..]"],
    description: ["In Kubecoach vim opens the editor overlay with vim keys: :w saves, :wq saves and quits, :q! quits without saving. ~/.vimrc (set expandtab tabstop=2 shiftwidth=2 in the exam) applies."],
  },
  crictl: {
    section: 1, title: "General Commands Manual", name: "crictl - CLI for CRI-compatible container runtimes",
    synopsis: ["crictl [global options] command [command options] [arguments...]"],
    description: ["crictl lists and inspects the pods, containers and images of the node's container runtime, also when the API server is down."],
    options: [["crictl ps [-a]", "containers"], ["crictl pods", "pod sandboxes"], ["crictl logs CONTAINER", "a container's logs"], ["crictl images", "images on the node"]],
  },
  etcdctl: {
    section: 1, title: "General Commands Manual", name: "etcdctl - a command line client for etcd",
    synopsis: ["ETCDCTL_API=3 etcdctl [--endpoints=URL] [--cacert=FILE --cert=FILE --key=FILE] command"],
    description: ["etcdctl talks to etcd. On a kubeadm control plane the certificates are under /etc/kubernetes/pki/etcd/."],
    options: [["snapshot save FILE", "back up the keyspace"], ["snapshot status FILE", "describe a snapshot"], ["member list", "the members of the cluster"]],
    seeAlso: ["etcdutl(1)"],
  },
  kubeadm: {
    section: 1, title: "General Commands Manual", name: "kubeadm - easily bootstrap a secure Kubernetes cluster",
    synopsis: ["kubeadm COMMAND [flags]"],
    description: ["kubeadm creates and upgrades clusters, joins nodes and manages certificates and tokens."],
    options: [["kubeadm upgrade plan | apply VERSION", "control-plane upgrades"], ["kubeadm upgrade node", "upgrade a node's configuration"], ["kubeadm token create --print-join-command", "how to join a node"], ["kubeadm certs check-expiration | renew all", "certificates"]],
  },
  ps: {
    section: 1, title: "User Commands", name: "ps - report a snapshot of the current processes.",
    synopsis: ["ps [options]"],
    description: ["ps lists processes. ps aux | grep kube-apiserver shows the flags a control-plane component runs with."],
  },
  ss: {
    section: 8, title: "System Manager's Manual", name: "ss - another utility to investigate sockets",
    synopsis: ["ss [options] [ FILTER ]"],
    description: ["ss -tlnp lists listening TCP sockets, their addresses and the processes that own them."],
  },
  iptables: {
    section: 8, title: "iptables 1.8.7", name: "iptables - administration tool for IPv4 packet filtering and NAT",
    synopsis: ["iptables [-t table] {-A|-D|-I} chain rule-specification", "iptables [-t table] {-L|-S|-F} [chain]", "iptables [-t table] -P chain target"],
    description: ["iptables lists and changes the kernel's packet filtering and NAT rules, e.g. iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE."],
  },
  sysctl: {
    section: 8, title: "System Administration", name: "sysctl - configure kernel parameters at runtime",
    synopsis: ["sysctl [options] [variable[=value]] [...]", "sysctl -p [file or regexp] [...]"],
    description: ["sysctl reads and writes kernel parameters such as net.ipv4.ip_forward; --system loads /etc/sysctl.d/*.conf."],
  },
};
