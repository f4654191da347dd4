#!/bin/bash
# expect: full
# dnsPolicy ClusterFirstWithHostNet: on a pod without hostNetwork it resolves exactly like
# ClusterFirst. The pod deleted and written again by hand.
kubectl -n legacy delete pod legacy-client
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: legacy-client, namespace: legacy}
spec:
  dnsPolicy: ClusterFirstWithHostNet
  containers:
  - {name: client, image: "busybox:1.36", command: [sleep, "3600"]}
EOF
