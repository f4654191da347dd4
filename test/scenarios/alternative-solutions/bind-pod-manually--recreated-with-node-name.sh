#!/bin/bash
# expect: partial
# The pod deleted and recreated with nodeName: not the binding API the task asks for.
kubectl -n sched get pod batch-probe -o yaml > /root/probe.yaml
sed -i 's/^spec:$/spec:\n  nodeName: node02/' /root/probe.yaml
kubectl replace --force -f /root/probe.yaml
