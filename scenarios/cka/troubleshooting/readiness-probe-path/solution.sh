#!/bin/bash
kubectl -n public describe pod status-page | grep -i readiness
kubectl -n public get pod status-page -o yaml > /root/status-page.yaml
sed -i 's|path: /healthz|path: /|' /root/status-page.yaml
kubectl replace --force -f /root/status-page.yaml
sleep 20
kubectl -n public get pod status-page
kubectl -n public get endpoints status-page
