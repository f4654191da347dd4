#!/bin/bash
kubectl run node-probe --image=busybox:1.36 --dry-run=client -o yaml --command -- sleep 3600 > /root/node-probe.yaml
scp /root/node-probe.yaml node01:/root/node-probe.yaml
ssh node01 'cp /root/node-probe.yaml /etc/kubernetes/manifests/node-probe.yaml'
sleep 20
kubectl get pod node-probe-node01 -o wide
