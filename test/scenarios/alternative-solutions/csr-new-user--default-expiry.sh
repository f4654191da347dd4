#!/bin/bash
# expect: partial
# No expirationSeconds: the certificate lives as long as the signer allows, not one day.
openssl genrsa -out /root/maria.key 2048
openssl req -new -key /root/maria.key -subj "/CN=maria/O=auditors" -out /root/maria.csr
kubectl apply -f - <<EOF
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata: {name: maria}
spec:
  request: $(base64 -w0 < /root/maria.csr)
  signerName: kubernetes.io/kube-apiserver-client
  usages: [client auth]
EOF
kubectl certificate approve maria
kubectl get csr maria -o jsonpath='{.status.certificate}' | base64 -d > /root/maria.crt
kubectl config set-credentials maria --client-key=/root/maria.key --client-certificate=/root/maria.crt --embed-certs=true
kubectl config set-context maria@kubernetes --cluster=kubernetes --user=maria
