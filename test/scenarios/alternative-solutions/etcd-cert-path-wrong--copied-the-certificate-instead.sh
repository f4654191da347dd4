#!/bin/bash
# expect: partial
# Makes etcd start by giving the certificate the name the manifest wants instead of fixing the
# manifest: the cluster works, but the manifest still points at the wrong file.
cp /etc/kubernetes/pki/etcd/server.crt /etc/kubernetes/pki/etcd/etcd-server.crt
for i in $(seq 1 30); do kubectl get --raw /readyz 2>/dev/null && break; sleep 5; done
