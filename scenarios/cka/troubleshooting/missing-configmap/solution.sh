#!/bin/bash
kubectl -n comms describe pod mailer | grep -i -A2 'configmap'
kubectl -n comms create configmap mailer-settings --from-literal=SMTP_HOST=smtp.example.com --from-literal=SMTP_PORT=587
sleep 20
kubectl -n comms get pod mailer
