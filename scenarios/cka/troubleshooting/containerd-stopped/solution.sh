#!/bin/bash
kubectl describe node node02 | grep -A5 Conditions
ssh node02
journalctl -u kubelet --no-pager | tail -5
systemctl enable --now containerd
systemctl restart kubelet
exit
sleep 20
kubectl get nodes
