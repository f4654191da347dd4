#!/bin/bash
kubectl exec client -- nslookup kubernetes.default
kubectl -n kube-system get deployment coredns
kubectl -n kube-system get endpoints kube-dns
kubectl -n kube-system scale deployment coredns --replicas=2
sleep 30
kubectl -n kube-system get deployment coredns
kubectl exec client -- nslookup kubernetes.default
