#!/bin/bash
kubectl -n kube-system get configmap coredns
