#!/bin/bash
set -e
kubectl create namespace compute
kubectl -n compute run idle --image=busybox:1.36 -- sleep 3600
kubectl -n compute run cruncher --image=busybox:1.36 -- sh -c 'while true; do :; done'
kubectl -n compute run web --image=nginx:1.27
