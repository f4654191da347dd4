#!/bin/bash
JOIN=$(kubeadm token create --print-join-command)
echo "$JOIN"
ssh node03 "$JOIN"
sleep 30
kubectl get nodes
