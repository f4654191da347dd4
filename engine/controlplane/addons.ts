import type { KubeObject } from "../api/types";
import { kubeletConfigYaml } from "./files/kubelet-files";
import type { ClusterLayout } from "./layout";

/**
 * The objects `kubeadm init` creates through the API after the control plane is up (its
 * "upload-config", "addon/coredns" and "addon/kube-proxy" phases), and the network add-on a lab
 * installs right after: CoreDNS, kube-proxy, Calico or Flannel.
 */
export const COREDNS_IMAGE = "registry.k8s.io/coredns/coredns:v1.12.0";
export const CALICO_VERSION = "v3.29.3";
export const FLANNEL_IMAGE = "ghcr.io/flannel-io/flannel:v0.26.7";
export const FLANNEL_CNI_PLUGIN_IMAGE = "ghcr.io/flannel-io/flannel-cni-plugin:v1.6.2-flannel1";

const meta = (name: string, namespace?: string, labels?: Record<string, string>) => ({ name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}) });

export function corefile(layout: ClusterLayout): string {
  return `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${layout.dnsDomain} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success ${layout.dnsDomain}
       disable denial ${layout.dnsDomain}
    }
    loop
    reload
    loadbalance
}
`;
}

export function clusterConfiguration(layout: ClusterLayout): string {
  return `apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: ${layout.clusterName}
controlPlaneEndpoint: ${layout.controlPlane.ip}:6443
controllerManager: {}
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${layout.version}
networking:
  dnsDomain: ${layout.dnsDomain}
  podSubnet: ${layout.podSubnet}
  serviceSubnet: ${layout.serviceSubnet}
proxy: {}
scheduler: {}
`;
}

function kubeProxyConfig(layout: ClusterLayout): string {
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${layout.podSubnet}
configSyncPeriod: 0s
conntrack:
  maxPerCore: null
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: false
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
metricsBindAddress: ""
mode: ""
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetricsForProbes: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""`;
}

function kubeProxyKubeconfig(layout: ClusterLayout): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: https://${layout.controlPlane.ip}:6443
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`;
}

const CONTROL_PLANE_TOLERATION = { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" };
const LINUX = { "kubernetes.io/os": "linux" };

function coreDnsDeployment(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta("coredns", "kube-system", { "k8s-app": "kube-dns" }),
    spec: {
      replicas: 2,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { "k8s-app": "kube-dns" } },
      template: {
        metadata: { labels: { "k8s-app": "kube-dns" } },
        spec: {
          priorityClassName: "system-cluster-critical",
          serviceAccountName: "coredns",
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: {
                    labelSelector: { matchExpressions: [{ key: "k8s-app", operator: "In", values: ["kube-dns"] }] },
                    topologyKey: "kubernetes.io/hostname",
                  },
                },
              ],
            },
          },
          tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }, CONTROL_PLANE_TOLERATION],
          nodeSelector: LINUX,
          containers: [
            {
              name: "coredns",
              image: COREDNS_IMAGE,
              imagePullPolicy: "IfNotPresent",
              resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
              args: ["-conf", "/etc/coredns/Corefile"],
              volumeMounts: [{ name: "config-volume", mountPath: "/etc/coredns", readOnly: true }],
              ports: [
                { containerPort: 53, name: "dns", protocol: "UDP" },
                { containerPort: 53, name: "dns-tcp", protocol: "TCP" },
                { containerPort: 9153, name: "metrics", protocol: "TCP" },
              ],
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] },
                readOnlyRootFilesystem: true,
              },
              livenessProbe: {
                httpGet: { path: "/health", port: 8080, scheme: "HTTP" },
                initialDelaySeconds: 60,
                timeoutSeconds: 5,
                successThreshold: 1,
                failureThreshold: 5,
              },
              readinessProbe: { httpGet: { path: "/ready", port: 8181, scheme: "HTTP" } },
            },
          ],
          dnsPolicy: "Default",
          volumes: [{ name: "config-volume", configMap: { name: "coredns", items: [{ key: "Corefile", path: "Corefile" }] } }],
        },
      },
    },
  };
}

function kubeDnsService(layout: ClusterLayout): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      ...meta("kube-dns", "kube-system", { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" }),
      annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
    },
    spec: {
      clusterIP: layout.dnsServiceIP,
      clusterIPs: [layout.dnsServiceIP],
      ports: [
        { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
        { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
        { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
      ],
      selector: { "k8s-app": "kube-dns" },
    },
  };
}

function kubeProxyDaemonSet(layout: ClusterLayout): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: meta("kube-proxy", "kube-system", { "k8s-app": "kube-proxy" }),
    spec: {
      selector: { matchLabels: { "k8s-app": "kube-proxy" } },
      updateStrategy: { type: "RollingUpdate" },
      template: {
        metadata: { labels: { "k8s-app": "kube-proxy" } },
        spec: {
          priorityClassName: "system-node-critical",
          containers: [
            {
              name: "kube-proxy",
              image: `registry.k8s.io/kube-proxy:${layout.version}`,
              imagePullPolicy: "IfNotPresent",
              command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
              securityContext: { privileged: true },
              volumeMounts: [
                { mountPath: "/var/lib/kube-proxy", name: "kube-proxy" },
                { mountPath: "/run/xtables.lock", name: "xtables-lock", readOnly: false },
                { mountPath: "/lib/modules", name: "lib-modules", readOnly: true },
              ],
              env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
            },
          ],
          hostNetwork: true,
          serviceAccountName: "kube-proxy",
          volumes: [
            { name: "kube-proxy", configMap: { name: "kube-proxy" } },
            { name: "xtables-lock", hostPath: { path: "/run/xtables.lock", type: "FileOrCreate" } },
            { name: "lib-modules", hostPath: { path: "/lib/modules" } },
          ],
          tolerations: [{ operator: "Exists" }],
          nodeSelector: LINUX,
        },
      },
    },
  };
}

function calicoObjects(): KubeObject[] {
  const image = (name: string) => `docker.io/calico/${name}:${CALICO_VERSION}`;
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: meta("calico-node", "kube-system") },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: meta("calico-kube-controllers", "kube-system") },
    {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: meta("calico-node", "kube-system", { "k8s-app": "calico-node" }),
      spec: {
        selector: { matchLabels: { "k8s-app": "calico-node" } },
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: { "k8s-app": "calico-node" } },
          spec: {
            nodeSelector: LINUX,
            hostNetwork: true,
            tolerations: [{ effect: "NoSchedule", operator: "Exists" }, { key: "CriticalAddonsOnly", operator: "Exists" }, { effect: "NoExecute", operator: "Exists" }],
            serviceAccountName: "calico-node",
            terminationGracePeriodSeconds: 0,
            priorityClassName: "system-node-critical",
            initContainers: [
              {
                name: "install-cni",
                image: image("cni"),
                imagePullPolicy: "IfNotPresent",
                command: ["/opt/cni/bin/install"],
                env: [{ name: "CNI_CONF_NAME", value: "10-calico.conflist" }],
                volumeMounts: [
                  { mountPath: "/host/opt/cni/bin", name: "cni-bin-dir" },
                  { mountPath: "/host/etc/cni/net.d", name: "cni-net-dir" },
                ],
                securityContext: { privileged: true },
              },
            ],
            containers: [
              {
                name: "calico-node",
                image: image("node"),
                imagePullPolicy: "IfNotPresent",
                env: [
                  { name: "DATASTORE_TYPE", value: "kubernetes" },
                  { name: "CALICO_NETWORKING_BACKEND", value: "none" },
                  { name: "CLUSTER_TYPE", value: "k8s,canal" },
                  { name: "NODENAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
                  { name: "FELIX_DEFAULTENDPOINTTOHOSTACTION", value: "ACCEPT" },
                  { name: "FELIX_HEALTHENABLED", value: "true" },
                ],
                securityContext: { privileged: true },
                resources: { requests: { cpu: "250m" } },
                livenessProbe: { httpGet: { path: "/liveness", port: 9099, host: "localhost" }, periodSeconds: 10, initialDelaySeconds: 10, failureThreshold: 6, timeoutSeconds: 10 },
                readinessProbe: { httpGet: { path: "/readiness", port: 9099, host: "localhost" }, periodSeconds: 10, timeoutSeconds: 10 },
                volumeMounts: [
                  { mountPath: "/lib/modules", name: "lib-modules", readOnly: true },
                  { mountPath: "/run/xtables.lock", name: "xtables-lock", readOnly: false },
                  { mountPath: "/var/run/calico", name: "var-run-calico", readOnly: false },
                  { mountPath: "/var/lib/calico", name: "var-lib-calico", readOnly: false },
                ],
              },
            ],
            volumes: [
              { name: "lib-modules", hostPath: { path: "/lib/modules" } },
              { name: "var-run-calico", hostPath: { path: "/var/run/calico", type: "DirectoryOrCreate" } },
              { name: "var-lib-calico", hostPath: { path: "/var/lib/calico", type: "DirectoryOrCreate" } },
              { name: "xtables-lock", hostPath: { path: "/run/xtables.lock", type: "FileOrCreate" } },
              { name: "cni-bin-dir", hostPath: { path: "/opt/cni/bin", type: "DirectoryOrCreate" } },
              { name: "cni-net-dir", hostPath: { path: "/etc/cni/net.d" } },
            ],
          },
        },
      },
    },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: meta("calico-kube-controllers", "kube-system", { "k8s-app": "calico-kube-controllers" }),
      spec: {
        replicas: 1,
        selector: { matchLabels: { "k8s-app": "calico-kube-controllers" } },
        strategy: { type: "Recreate" },
        template: {
          metadata: { name: "calico-kube-controllers", namespace: "kube-system", labels: { "k8s-app": "calico-kube-controllers" } },
          spec: {
            nodeSelector: LINUX,
            tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }, CONTROL_PLANE_TOLERATION],
            serviceAccountName: "calico-kube-controllers",
            priorityClassName: "system-cluster-critical",
            containers: [
              {
                name: "calico-kube-controllers",
                image: image("kube-controllers"),
                imagePullPolicy: "IfNotPresent",
                env: [
                  { name: "ENABLED_CONTROLLERS", value: "node" },
                  { name: "DATASTORE_TYPE", value: "kubernetes" },
                ],
                livenessProbe: { exec: { command: ["/usr/bin/check-status", "-l"] }, periodSeconds: 10, initialDelaySeconds: 10, failureThreshold: 6, timeoutSeconds: 10 },
                readinessProbe: { exec: { command: ["/usr/bin/check-status", "-r"] }, periodSeconds: 10 },
              },
            ],
          },
        },
      },
    },
  ];
}

function flannelObjects(layout: ClusterLayout): KubeObject[] {
  const ns = "kube-flannel";
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "k8s-app": "flannel", "pod-security.kubernetes.io/enforce": "privileged" } } },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: meta("flannel", ns, { "k8s-app": "flannel" }) },
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: meta("kube-flannel-cfg", ns, { app: "flannel", "k8s-app": "flannel", tier: "node" }),
      data: {
        "cni-conf.json": '{\n  "name": "cbr0",\n  "cniVersion": "0.3.1",\n  "plugins": [\n    {\n      "type": "flannel",\n      "delegate": {\n        "hairpinMode": true,\n        "isDefaultGateway": true\n      }\n    },\n    {\n      "type": "portmap",\n      "capabilities": {\n        "portMappings": true\n      }\n    }\n  ]\n}\n',
        "net-conf.json": `{\n  "Network": "${layout.podSubnet}",\n  "EnableNFTables": false,\n  "Backend": {\n    "Type": "vxlan"\n  }\n}\n`,
      },
    },
    {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: meta("kube-flannel-ds", ns, { app: "flannel", "k8s-app": "flannel", tier: "node" }),
      spec: {
        selector: { matchLabels: { app: "flannel", "k8s-app": "flannel" } },
        template: {
          metadata: { labels: { app: "flannel", "k8s-app": "flannel", tier: "node" } },
          spec: {
            hostNetwork: true,
            priorityClassName: "system-node-critical",
            tolerations: [{ effect: "NoSchedule", operator: "Exists" }],
            serviceAccountName: "flannel",
            initContainers: [
              { name: "install-cni-plugin", image: FLANNEL_CNI_PLUGIN_IMAGE, command: ["cp"], args: ["-f", "/flannel", "/opt/cni/bin/flannel"], volumeMounts: [{ name: "cni-plugin", mountPath: "/opt/cni/bin" }] },
              { name: "install-cni", image: FLANNEL_IMAGE, command: ["cp"], args: ["-f", "/etc/kube-flannel/cni-conf.json", "/etc/cni/net.d/10-flannel.conflist"], volumeMounts: [{ name: "cni", mountPath: "/etc/cni/net.d" }, { name: "flannel-cfg", mountPath: "/etc/kube-flannel/" }] },
            ],
            containers: [
              {
                name: "kube-flannel",
                image: FLANNEL_IMAGE,
                command: ["/opt/bin/flanneld"],
                args: ["--ip-masq", "--kube-subnet-mgr"],
                resources: { requests: { cpu: "100m", memory: "50Mi" } },
                securityContext: { privileged: false, capabilities: { add: ["NET_ADMIN", "NET_RAW"] } },
                env: [
                  { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                  { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
                  { name: "EVENT_QUEUE_DEPTH", value: "5000" },
                ],
                volumeMounts: [
                  { name: "run", mountPath: "/run/flannel" },
                  { name: "flannel-cfg", mountPath: "/etc/kube-flannel/" },
                  { name: "xtables-lock", mountPath: "/run/xtables.lock" },
                ],
              },
            ],
            volumes: [
              { name: "run", hostPath: { path: "/run/flannel" } },
              { name: "cni-plugin", hostPath: { path: "/opt/cni/bin" } },
              { name: "cni", hostPath: { path: "/etc/cni/net.d" } },
              { name: "flannel-cfg", configMap: { name: "kube-flannel-cfg" } },
              { name: "xtables-lock", hostPath: { path: "/run/xtables.lock", type: "FileOrCreate" } },
            ],
          },
        },
      },
    },
  ];
}

function rbacObjects(): KubeObject[] {
  const rbac = "rbac.authorization.k8s.io/v1";
  return [
    {
      apiVersion: rbac,
      kind: "ClusterRole",
      metadata: { name: "system:coredns" },
      rules: [
        { apiGroups: [""], resources: ["endpoints", "services", "pods", "namespaces"], verbs: ["list", "watch"] },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["list", "watch"] },
      ],
    },
    {
      apiVersion: rbac,
      kind: "ClusterRoleBinding",
      metadata: { name: "system:coredns" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:coredns" },
      subjects: [{ kind: "ServiceAccount", name: "coredns", namespace: "kube-system" }],
    },
    {
      apiVersion: rbac,
      kind: "ClusterRoleBinding",
      metadata: { name: "kubeadm:node-proxier" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:node-proxier" },
      subjects: [{ kind: "ServiceAccount", name: "kube-proxy", namespace: "kube-system" }],
    },
  ];
}

/** Every object in creation order (ConfigMaps and accounts before the workloads that use them). */
export function kubeadmAddonObjects(layout: ClusterLayout, caPem: string): KubeObject[] {
  const clusterInfo = [
    "apiVersion: v1",
    "clusters:",
    "- cluster:",
    `    certificate-authority-data: ${Buffer.from(caPem).toString("base64")}`,
    `    server: https://${layout.controlPlane.ip}:6443`,
    '  name: ""',
    "contexts: null",
    'current-context: ""',
    "kind: Config",
    "preferences: {}",
    "users: null",
    "",
  ].join("\n");
  return [
    { apiVersion: "v1", kind: "ConfigMap", metadata: meta("kubeadm-config", "kube-system"), data: { ClusterConfiguration: clusterConfiguration(layout) } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: meta("kubelet-config", "kube-system"), data: { kubelet: kubeletConfigYaml(layout) } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: meta("cluster-info", "kube-public"), data: { kubeconfig: clusterInfo } },
    ...rbacObjects(),
    { apiVersion: "v1", kind: "ServiceAccount", metadata: meta("coredns", "kube-system") },
    { apiVersion: "v1", kind: "ConfigMap", metadata: meta("coredns", "kube-system"), data: { Corefile: corefile(layout) } },
    kubeDnsService(layout),
    coreDnsDeployment(),
    { apiVersion: "v1", kind: "ServiceAccount", metadata: meta("kube-proxy", "kube-system") },
    { apiVersion: "v1", kind: "ConfigMap", metadata: meta("kube-proxy", "kube-system", { app: "kube-proxy" }), data: { "config.conf": kubeProxyConfig(layout), "kubeconfig.conf": kubeProxyKubeconfig(layout) } },
    kubeProxyDaemonSet(layout),
    ...(layout.cni === "calico" ? calicoObjects() : flannelObjects(layout)),
  ];
}
