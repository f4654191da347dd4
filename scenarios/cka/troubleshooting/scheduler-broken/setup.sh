#!/bin/bash
set -e
sed -i 's|- kube-scheduler$|- kube-schedulerr|' /etc/kubernetes/manifests/kube-scheduler.yaml
sleep 30
kubectl create deployment canary --image=nginx:1.27 --replicas=2
