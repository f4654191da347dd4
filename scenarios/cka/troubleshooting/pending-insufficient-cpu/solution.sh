#!/bin/bash
kubectl -n science describe pod -l app=analyzer | grep -A3 Events
kubectl describe nodes | grep -A6 Allocatable
kubectl -n science set resources deployment analyzer --requests=cpu=500m,memory=512Mi
kubectl -n science rollout status deployment analyzer --timeout=120s
