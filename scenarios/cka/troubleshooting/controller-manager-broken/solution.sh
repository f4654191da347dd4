#!/bin/bash
kubectl -n kube-system get pods
kubectl -n kube-system logs kube-controller-manager-controlplane | tail -3
ls /etc/kubernetes/*.conf
sed -i 's|--kubeconfig=/etc/kubernetes/controller-manager.config|--kubeconfig=/etc/kubernetes/controller-manager.conf|' /etc/kubernetes/manifests/kube-controller-manager.yaml
sleep 60
kubectl get pods -l app=orders
