#!/bin/bash
# expect: partial
# The certificate stored in a generic (Opaque) Secret instead of a kubernetes.io/tls one.
kubectl -n secure create secret generic api-tls --from-file=tls.crt=/root/api.crt --from-file=tls.key=/root/api.key
kubectl -n secure create ingress api --class=nginx --rule="api.example.com/*=api:80,tls=api-tls"
