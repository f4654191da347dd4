#!/bin/bash
# expect: partial
# The ConfigMap created, but the pod deleted and recreated: the task said not to change the pod.
kubectl -n comms create configmap mailer-settings --from-literal=SMTP_HOST=smtp.example.com --from-literal=SMTP_PORT=587
kubectl -n comms get pod mailer -o yaml > /root/mailer.yaml
kubectl replace --force -f /root/mailer.yaml
