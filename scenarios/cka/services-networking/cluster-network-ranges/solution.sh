#!/bin/bash
grep -o -- '--service-cluster-ip-range=[^ ]*' /etc/kubernetes/manifests/kube-apiserver.yaml | cut -d= -f2 > /opt/service-cidr.txt
grep -o -- '--cluster-cidr=[^ ]*' /etc/kubernetes/manifests/kube-controller-manager.yaml | cut -d= -f2 > /opt/pod-cidr.txt
kubectl get node node01 -o jsonpath='{.spec.podCIDR}' > /opt/node01-pod-cidr.txt
