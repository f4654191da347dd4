#!/bin/bash
kubectl -n kube-system get configmap kube-proxy -o jsonpath='{.data.config\.conf}' | grep '^mode'
echo iptables > /opt/proxy-mode.txt
kubectl -n kube-system get configmap kube-proxy -o yaml | sed 's/^    mode: .*/    mode: "ipvs"/' | kubectl apply -f -
kubectl -n kube-system rollout restart daemonset kube-proxy
sleep 30
kubectl -n kube-system get daemonset kube-proxy
