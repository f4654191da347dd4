#!/bin/bash
# expect: partial
# KUBECONFIG pointed at admin.conf for this shell only: root's kubeconfig is still broken.
export KUBECONFIG=/etc/kubernetes/admin.conf
kubectl get nodes
