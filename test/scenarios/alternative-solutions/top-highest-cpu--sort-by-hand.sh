#!/bin/bash
# expect: full
# Without --sort-by: sorts top's numbers itself (millicores and MiB without their units).
kubectl top pods -n compute --no-headers | sed 's/m / /' | sort -k2 -n -r | head -1 | awk '{print $1}' > /opt/top-cpu-pod.txt
kubectl top nodes --no-headers | awk '{ sub(/Mi$/, "", $4); print $4, $1 }' | sort -n -r | head -1 | cut -d' ' -f2 > /opt/top-memory-node.txt
cat /opt/top-cpu-pod.txt /opt/top-memory-node.txt
