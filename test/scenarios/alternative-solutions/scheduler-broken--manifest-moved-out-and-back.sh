#!/bin/bash
# expect: full
# The manifest fixed outside the manifests directory and moved back, as many learners do.
mv /etc/kubernetes/manifests/kube-scheduler.yaml /root/kube-scheduler.yaml
sed -i 's|kube-schedulerr$|kube-scheduler|' /root/kube-scheduler.yaml
sleep 5
mv /root/kube-scheduler.yaml /etc/kubernetes/manifests/
kubectl -n kube-system wait --for=condition=Ready pod/kube-scheduler-controlplane --timeout=120s
kubectl rollout status deployment canary --timeout=60s
