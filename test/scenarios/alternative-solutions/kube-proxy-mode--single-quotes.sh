#!/bin/bash
# expect: full
# The mode written with single quotes, pods restarted by deleting them.
echo iptables > /opt/proxy-mode.txt
kubectl -n kube-system get configmap kube-proxy -o yaml | sed "s/^    mode: .*/    mode: 'ipvs'/" | kubectl apply -f -
kubectl -n kube-system delete pods -l k8s-app=kube-proxy
