#!/bin/bash
# expect: full
# The manifest generated with `kubectl run --dry-run=client`, piped over ssh to node01 under another file
# name (the kubelet reads every file in its static pod directory).
kubectl run node-probe --image=busybox:1.36 --restart=Never --dry-run=client -o yaml --command -- sleep 3600 > /root/node-probe.yaml
ssh node01 "cat > /etc/kubernetes/manifests/static-probe.yaml" < /root/node-probe.yaml
