#!/bin/bash
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: portal
  namespace: portal
spec:
  volumes:
  - name: config
    projected:
      sources:
      - configMap:
          name: portal-config
          items:
          - key: portal.conf
            path: portal.conf
      - secret:
          name: portal-tls
          items:
          - key: tls.key
            path: tls.key
            mode: 0400
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: config
      mountPath: /etc/portal
      readOnly: true
EOF
sleep 20
kubectl -n portal get pod portal
