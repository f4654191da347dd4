#!/bin/bash
kubectl -n lab describe pod gpu-test | tail -3
kubectl label node node02 hardware=gpu
kubectl -n lab wait --for=condition=Ready pod/gpu-test --timeout=60s
