#!/bin/bash
kubectl -n shop scale deployment checkout --replicas=5
sleep 30
kubectl -n shop get deployment checkout
