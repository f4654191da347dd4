#!/bin/bash
kubectl uncordon node01
kubectl scale deployment api --replicas=4
sleep 30
kubectl get deployment api
kubectl get pods -o wide
