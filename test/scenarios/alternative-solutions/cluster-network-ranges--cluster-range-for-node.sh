#!/bin/bash
# expect: partial
# The cluster's pod range written for node01 too, instead of the range node01 was given.
grep -o -- '--service-cluster-ip-range=[^ ]*' /etc/kubernetes/manifests/kube-apiserver.yaml | cut -d= -f2 > /opt/service-cidr.txt
grep -o -- '--cluster-cidr=[^ ]*' /etc/kubernetes/manifests/kube-controller-manager.yaml | cut -d= -f2 | tee /opt/pod-cidr.txt > /opt/node01-pod-cidr.txt
