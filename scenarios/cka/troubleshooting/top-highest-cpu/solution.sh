#!/bin/bash
kubectl -n compute top pods --sort-by=cpu
kubectl -n compute top pods --sort-by=cpu --no-headers | head -1 | awk '{print $1}' > /opt/top-cpu-pod.txt
kubectl top nodes --sort-by=memory --no-headers | head -1 | awk '{print $1}' > /opt/top-memory-node.txt
