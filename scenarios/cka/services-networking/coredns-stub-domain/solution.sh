#!/bin/bash
kubectl -n kube-system get configmap coredns -o jsonpath='{.data.Corefile}' > /root/Corefile
cat >> /root/Corefile <<'EOF'
corp.internal:53 {
    errors
    cache 30
    forward . 10.20.0.53
}
EOF
kubectl -n kube-system create configmap coredns --from-file=Corefile=/root/Corefile --dry-run=client -o yaml | kubectl apply -f -
kubectl -n kube-system rollout restart deployment coredns
sleep 30
kubectl -n kube-system get deployment coredns
