#!/bin/bash
set -e
kubectl create namespace lookup
kubectl -n lookup create deployment catalog --image=nginx:1.27
kubectl -n lookup expose deployment catalog --port=80
kubectl -n lookup run probe --image=busybox:1.36 -- sleep 3600
sleep 20
kubectl -n lookup get pod probe
