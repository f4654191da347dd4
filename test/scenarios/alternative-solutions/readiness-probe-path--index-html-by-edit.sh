#!/bin/bash
# expect: full
# The probe pointed at /index.html (nginx serves it too), the pod recreated by delete + create.
kubectl -n public get pod status-page -o yaml > /root/sp.yaml
sed -i 's|path: /healthz|path: /index.html|' /root/sp.yaml
kubectl -n public delete pod status-page --wait=false
kubectl create -f /root/sp.yaml
