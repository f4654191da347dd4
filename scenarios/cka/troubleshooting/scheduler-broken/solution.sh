#!/bin/bash
kubectl get pods
kubectl -n kube-system get pods
kubectl -n kube-system describe pod kube-scheduler-controlplane | tail -5
sed -i 's|- kube-schedulerr$|- kube-scheduler|' /etc/kubernetes/manifests/kube-scheduler.yaml
sleep 60
kubectl get pods -o wide
