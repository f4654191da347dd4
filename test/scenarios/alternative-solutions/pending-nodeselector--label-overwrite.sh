#!/bin/bash
# expect: full
# Labelled with --overwrite and checked with a label selector; the pod is left alone.
kubectl label node node02 hardware=gpu --overwrite
kubectl get nodes -l hardware=gpu
kubectl -n lab get pod gpu-test -o wide
