#!/bin/bash
# expect: full
# An openssl req that makes key and request in one go, the CSR written to a file with the
# request as a single base64 line, approved, and the kubeconfig entries added with the
# certificate files referenced instead of embedded.
openssl req -new -newkey rsa:2048 -nodes -keyout /root/maria.key -subj "/O=auditors/CN=maria" -out /root/maria.csr
cat > /root/maria-csr.yaml <<EOF
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: maria
spec:
  signerName: kubernetes.io/kube-apiserver-client
  usages: ["client auth"]
  expirationSeconds: 86400
  request: $(cat /root/maria.csr | base64 | tr -d '\n')
EOF
kubectl create -f /root/maria-csr.yaml
kubectl certificate approve maria
kubectl get csr maria -o jsonpath='{.status.certificate}' | base64 --decode > /root/maria.crt
kubectl config set-credentials maria --client-certificate=/root/maria.crt --client-key=/root/maria.key
kubectl config set-context maria@kubernetes --user=maria --cluster=kubernetes
