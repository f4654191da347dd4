#!/bin/bash
# expect: partial
# A static pod, but running nginx instead of busybox:1.36.
kubectl run node-probe --image=nginx:1.27 --dry-run=client -o yaml > /root/node-probe.yaml
ssh node01 "cat > /etc/kubernetes/manifests/node-probe.yaml" < /root/node-probe.yaml
