#!/bin/bash
kubectl exec client -- nslookup kubernetes.default
kubectl -n kube-system get deployment coredns
kubectl -n kube-system get endpoints kube-dns
kubectl -n kube-system scale deployment coredns --replicas=2
kubectl -n kube-system rollout status deployment coredns --timeout=120s
kubectl exec client -- nslookup kubernetes.default
