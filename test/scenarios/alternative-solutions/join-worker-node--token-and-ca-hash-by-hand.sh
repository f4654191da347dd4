#!/bin/bash
# expect: full
# Builds the join command by hand: a token with kubeadm token create, the CA public key hash
# with openssl, the API server address from the kubeconfig.
TOKEN=$(kubeadm token create --ttl 2h)
HASH=$(openssl x509 -pubkey -in /etc/kubernetes/pki/ca.crt | openssl rsa -pubin -outform der 2>/dev/null | openssl dgst -sha256 -hex | sed 's/^.* //')
SERVER=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}' | sed 's|https://||')
echo "join $SERVER with $TOKEN and sha256:$HASH"
ssh node03 kubeadm join "$SERVER" --token "$TOKEN" --discovery-token-ca-cert-hash "sha256:$HASH"
kubectl wait --for=condition=Ready node/node03 --timeout=120s
