import type { ClusterLayout } from "../layout";

/**
 * The CNI configuration the network add-on's DaemonSet installs on every node. Calico runs here in
 * policy mode with host-local IPAM over each node's podCIDR, so pod IPs follow the 10.244.N.0/24
 * plan kubeadm's node IPAM hands out; Flannel does the same without enforcing NetworkPolicy.
 */
export function cniConfig(layout: ClusterLayout, nodeName: string): { file: string; content: string }[] {
  if (layout.cni === "flannel") {
    return [
      {
        file: "10-flannel.conflist",
        content: JSON.stringify(
          {
            name: "cbr0",
            cniVersion: "0.3.1",
            plugins: [
              { type: "flannel", delegate: { hairpinMode: true, isDefaultGateway: true } },
              { type: "portmap", capabilities: { portMappings: true } },
            ],
          },
          null,
          2,
        ) + "\n",
      },
    ];
  }
  return [
    {
      file: "10-calico.conflist",
      content: JSON.stringify(
        {
          name: "k8s-pod-network",
          cniVersion: "0.3.1",
          plugins: [
            {
              type: "calico",
              log_level: "info",
              log_file_path: "/var/log/calico/cni/cni.log",
              datastore_type: "kubernetes",
              nodename: nodeName,
              mtu: 0,
              ipam: { type: "host-local", subnet: "usePodCidr" },
              policy: { type: "k8s" },
              kubernetes: { kubeconfig: "/etc/cni/net.d/calico-kubeconfig" },
            },
            { type: "portmap", snat: true, capabilities: { portMappings: true } },
            { type: "bandwidth", capabilities: { bandwidth: true } },
          ],
        },
        null,
        2,
      ) + "\n",
    },
  ];
}

/** Plugins in /opt/cni/bin: the containernetworking/plugins set plus the add-on's own. */
export function cniBinaries(layout: ClusterLayout): string[] {
  const base = ["bandwidth", "bridge", "dhcp", "dummy", "firewall", "host-device", "host-local", "ipvlan", "loopback", "macvlan", "portmap", "ptp", "sbr", "static", "tap", "tuning", "vlan", "vrf"];
  const extra = layout.cni === "calico" ? ["calico", "calico-ipam", "install"] : ["flannel"];
  return [...base, ...extra].sort();
}
