#!/bin/bash
sed -i 's|--cert-file=/etc/kubernetes/pki/etcd/server.crt|--cert-file=/etc/kubernetes/pki/etcd/etcd-server.crt|' /etc/kubernetes/manifests/etcd.yaml
