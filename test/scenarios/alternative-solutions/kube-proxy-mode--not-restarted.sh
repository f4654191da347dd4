#!/bin/bash
# expect: partial
# The ConfigMap changed but the pods not restarted: they keep running in iptables mode.
echo iptables > /opt/proxy-mode.txt
kubectl -n kube-system get configmap kube-proxy -o yaml | sed 's/^    mode: .*/    mode: ipvs/' | kubectl apply -f -
