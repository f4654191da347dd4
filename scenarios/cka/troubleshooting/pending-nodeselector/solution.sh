#!/bin/bash
kubectl -n lab describe pod gpu-test | tail -3
kubectl label node node02 hardware=gpu
sleep 20
kubectl -n lab get pod gpu-test
