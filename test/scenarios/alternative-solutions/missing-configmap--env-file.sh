#!/bin/bash
# expect: full
# The ConfigMap made from an env file on the workstation.
printf 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\n' > /root/mailer.env
kubectl -n comms create configmap mailer-settings --from-env-file=/root/mailer.env
