#!/bin/bash
# expect: full
# The file chosen through KUBECONFIG instead of --kubeconfig, the names listed with jsonpath.
export KUBECONFIG=/root/team.kubeconfig
kubectl config view -o jsonpath='{range .contexts[*]}{.name}{"\n"}{end}' > /opt/contexts.txt
kubectl config set-context staging-admin --namespace=apps --user=staging-admin --cluster=staging
kubectl config use-context staging-admin
unset KUBECONFIG
kubectl get nodes
