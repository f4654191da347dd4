/** Node tools: the programs a kubeadm node has for the control plane (etcdctl, etcdutl, kubeadm, kubelet, apt, …). */
import "./etcdctl";
import "./apt/apt";
import "./kubeadm/kubeadm";

export {};
import "./crictl";
