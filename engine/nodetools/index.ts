/** Node tools: the programs a kubeadm node has for the control plane (etcdctl, etcdutl, …). */
import "./etcdctl";

export {};
