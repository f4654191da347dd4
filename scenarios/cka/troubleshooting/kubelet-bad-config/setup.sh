#!/bin/bash
ssh node02 "sed -i 's|clientCAFile: /etc/kubernetes/pki/ca.crt|clientCAFile: /etc/kubernetes/pki/ca-cert.crt|' /var/lib/kubelet/config.yaml && systemctl restart kubelet"
