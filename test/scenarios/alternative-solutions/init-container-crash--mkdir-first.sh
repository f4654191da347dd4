#!/bin/bash
# expect: full
# Another rewrite of the init command: it creates the directory it wrote to and also writes the
# page at the volume's root, where the nginx container serves it.
kubectl -n cms-prod get pod site -o yaml > /root/site.yaml
sed -i "s|echo '<h1>Welcome</h1>' > /work/site/index.html|mkdir -p /work/site \&\& echo '<h1>Welcome</h1>' > /work/index.html|" /root/site.yaml
kubectl delete pod site -n cms-prod --now
kubectl apply -f /root/site.yaml
sleep 20
