#!/bin/bash
kubectl -n alerts get pods
kubectl -n alerts describe pod -l app=notifier | grep -A3 Events
kubectl -n alerts set image deployment/notifier nginx=nginx:1.27
kubectl -n alerts rollout status deployment notifier --timeout=120s
