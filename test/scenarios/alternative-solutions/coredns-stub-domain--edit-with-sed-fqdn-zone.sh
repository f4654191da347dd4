#!/bin/bash
# expect: full
# The zone written fully qualified (`corp.internal.`), the block put before the default one, and
# the pods restarted by deleting them instead of a rollout restart.
kubectl -n kube-system get configmap coredns -o jsonpath='{.data.Corefile}' > /root/Corefile.orig
{ printf 'corp.internal. {\n    forward . 10.20.0.53\n}\n'; cat /root/Corefile.orig; } > /root/Corefile
kubectl -n kube-system create configmap coredns --from-file=Corefile=/root/Corefile --dry-run=client -o yaml | kubectl replace -f -
kubectl -n kube-system delete pod -l k8s-app=kube-dns
