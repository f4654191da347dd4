#!/bin/bash
kubectl get nodes
ssh node01
systemctl status kubelet --no-pager
systemctl enable --now kubelet
exit
sleep 20
kubectl get nodes
