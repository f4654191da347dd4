#!/bin/bash
# expect: partial
# The node is labelled, but the pod is replaced by one pinned with nodeName: the task forbade changing it.
kubectl label node node02 hardware=gpu
kubectl -n lab get pod gpu-test -o yaml > /tmp/gpu.yaml
kubectl -n lab delete pod gpu-test --now
sed -i 's/^spec:/spec:\n  nodeName: node02/' /tmp/gpu.yaml
kubectl apply -f /tmp/gpu.yaml
