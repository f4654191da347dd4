#!/bin/bash
kubectl -n secure create secret tls api-tls --cert=/root/api.crt --key=/root/api.key
kubectl -n secure create ingress api --class=nginx --rule="api.example.com/*=api:80,tls=api-tls"
kubectl -n secure get ingress api -o yaml
