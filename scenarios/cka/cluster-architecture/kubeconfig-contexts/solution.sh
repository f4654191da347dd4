#!/bin/bash
kubectl config get-contexts -o name --kubeconfig /root/team.kubeconfig > /opt/contexts.txt
kubectl config set-context staging-admin --cluster=staging --user=staging-admin --namespace=apps --kubeconfig /root/team.kubeconfig
kubectl config use-context staging-admin --kubeconfig /root/team.kubeconfig
