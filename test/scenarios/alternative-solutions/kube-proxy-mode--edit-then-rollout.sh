#!/bin/bash
# expect: full
# The mode written with sed into an exported file and replaced, then a rollout restart with
# waiting for it; the old mode read from the running pod's log-free way: the empty setting.
kubectl -n kube-system get cm kube-proxy -o jsonpath='{.data.config\.conf}' | grep -q '^mode: ""$' && echo iptables > /opt/proxy-mode.txt
kubectl -n kube-system get cm kube-proxy -o yaml > /root/kp.yaml
sed -i 's/^    mode: ""$/    mode: ipvs/' /root/kp.yaml
kubectl replace -f /root/kp.yaml
kubectl -n kube-system rollout restart ds/kube-proxy
kubectl -n kube-system rollout status ds/kube-proxy --timeout=120s
