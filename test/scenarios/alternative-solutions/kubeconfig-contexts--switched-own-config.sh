#!/bin/bash
# expect: partial
# The context created in root's own kubeconfig instead of /root/team.kubeconfig.
kubectl config get-contexts -o name --kubeconfig /root/team.kubeconfig > /opt/contexts.txt
kubectl config set-context staging-admin --cluster=staging --user=staging-admin --namespace=apps
kubectl config use-context staging-admin
