#!/bin/bash
kubectl -n legacy exec legacy-client -- cat /etc/resolv.conf
kubectl -n legacy delete pod legacy-client --now
kubectl -n legacy run legacy-client --image=busybox:1.36 --command -- sleep 3600
sleep 20
kubectl -n legacy get pod legacy-client
kubectl -n legacy exec legacy-client -- nslookup kubernetes.default.svc.cluster.local
