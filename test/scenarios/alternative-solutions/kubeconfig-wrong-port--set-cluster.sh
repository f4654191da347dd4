#!/bin/bash
# expect: full
# kubectl config set-cluster edits the file in place with the API server's real port.
cluster=$(kubectl config view -o jsonpath='{.clusters[0].name}')
server=$(kubectl config view -o jsonpath='{.clusters[0].cluster.server}')
kubectl config set-cluster "$cluster" --server="${server%:*}:6443"
kubectl get nodes
