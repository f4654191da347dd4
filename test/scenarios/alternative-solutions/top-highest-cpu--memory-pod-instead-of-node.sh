#!/bin/bash
# expect: partial
# Writes the pod with the most memory where the node was asked for.
kubectl -n compute top pods --sort-by=cpu --no-headers | head -1 | awk '{print $1}' > /opt/top-cpu-pod.txt
kubectl -n compute top pods --sort-by=memory --no-headers | head -1 | awk '{print $1}' > /opt/top-memory-node.txt
