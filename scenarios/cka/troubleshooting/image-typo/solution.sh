#!/bin/bash
kubectl -n alerts get pods
kubectl -n alerts describe pod -l app=notifier | grep -A3 Events
kubectl -n alerts set image deployment/notifier nginx=nginx:1.27
sleep 30
kubectl -n alerts get deployment notifier
