#!/bin/bash
# expect: full
# The ranges read from the control-plane pods through the API and from kubectl describe node.
kubectl -n kube-system get pod kube-apiserver-controlplane -o yaml | grep -- '--service-cluster-ip-range=' | awk -F= '{print $2}' > /opt/service-cidr.txt
kubectl -n kube-system describe pod kube-controller-manager-controlplane | grep -- '--cluster-cidr=' | awk -F= '{print $2}' > /opt/pod-cidr.txt
kubectl describe node node01 | grep '^PodCIDR:' | awk '{print $2}' > /opt/node01-pod-cidr.txt
