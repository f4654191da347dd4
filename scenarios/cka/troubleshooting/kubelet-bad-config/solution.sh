#!/bin/bash
ssh node02
systemctl status kubelet --no-pager
journalctl -u kubelet --no-pager | tail -20
ls /etc/kubernetes/pki
sed -i 's|clientCAFile: /etc/kubernetes/pki/ca-cert.crt|clientCAFile: /etc/kubernetes/pki/ca.crt|' /var/lib/kubelet/config.yaml
systemctl restart kubelet
exit
sleep 20
kubectl get nodes
