#!/bin/bash
# expect: partial
# Every name now goes to the corporate DNS server: the default forwarder was replaced.
kubectl -n kube-system get configmap coredns -o yaml | sed 's#forward . /etc/resolv.conf#forward . 10.20.0.53#' | kubectl apply -f -
kubectl -n kube-system rollout restart deployment coredns
