#!/bin/bash
set -e
kubectl drain node03 --ignore-daemonsets --force
kubectl delete node node03
ssh node03 'kubeadm reset -f'
