#!/bin/bash
set -e
kubectl create deployment api --image=nginx:1.27 --replicas=2
kubectl cordon node01
