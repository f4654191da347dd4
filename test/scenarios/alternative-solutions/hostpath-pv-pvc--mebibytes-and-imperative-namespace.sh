#!/bin/bash
# expect: full
# The PV capacity written as 1024Mi (the same amount as 1Gi), the claim in Gi-fractions, the
# access mode by its short form in a list written in flow style, and the pod made from a manifest
# file instead of a heredoc.
kubectl create ns reports
cat > /root/pv.yaml <<'EOF'
apiVersion: v1
kind: PersistentVolume
metadata:
  name: reports-pv
  labels:
    purpose: reports
spec:
  storageClassName: manual
  persistentVolumeReclaimPolicy: Retain
  capacity: {storage: 1024Mi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /srv/reports, type: DirectoryOrCreate}
EOF
kubectl create -f /root/pv.yaml
cat > /root/pvc.yaml <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: reports-pvc, namespace: reports}
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 500Mi}}
EOF
kubectl create -f /root/pvc.yaml
kubectl -n reports run reporter --image=nginx:1.27 --dry-run=client -o yaml > /root/pod.yaml
cat > /root/pod.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: reporter
  namespace: reports
  labels: {run: reporter}
spec:
  containers:
  - image: nginx:1.27
    name: reporter
    volumeMounts:
    - mountPath: /usr/share/nginx/html
      name: reports
  volumes:
  - name: reports
    persistentVolumeClaim: {claimName: reports-pvc}
EOF
kubectl apply -f /root/pod.yaml
