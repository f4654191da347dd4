#!/bin/bash
kubectl -n kube-system get configmap kube-proxy
