#!/bin/bash
kubectl -n science describe pod -l app=analyzer | grep -A3 Events
kubectl describe nodes | grep -A6 Allocatable
kubectl -n science set resources deployment analyzer --requests=cpu=500m,memory=512Mi
sleep 30
kubectl -n science get deployment analyzer
