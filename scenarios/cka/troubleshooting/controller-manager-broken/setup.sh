#!/bin/bash
set -e
kubectl create deployment orders --image=nginx:1.27
sleep 30
kubectl get deployment orders
sed -i 's|--kubeconfig=/etc/kubernetes/controller-manager.conf|--kubeconfig=/etc/kubernetes/controller-manager.config|' /etc/kubernetes/manifests/kube-controller-manager.yaml
sleep 30
kubectl scale deployment orders --replicas=3
