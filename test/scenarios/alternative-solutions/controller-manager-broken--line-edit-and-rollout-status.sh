#!/bin/bash
# expect: full
# Finds the flag's line number and rewrites just that line, then waits for the Deployment to
# complete instead of sleeping a fixed time.
kubectl -n kube-system describe pod kube-controller-manager-controlplane | grep -A3 'Last State' || true
line=$(grep -n -- '--kubeconfig=' /etc/kubernetes/manifests/kube-controller-manager.yaml | cut -d: -f1)
sed -i "${line}s|controller-manager\.config|controller-manager.conf|" /etc/kubernetes/manifests/kube-controller-manager.yaml
grep -- --kubeconfig /etc/kubernetes/manifests/kube-controller-manager.yaml
kubectl -n default rollout status deployment/orders --timeout=180s
