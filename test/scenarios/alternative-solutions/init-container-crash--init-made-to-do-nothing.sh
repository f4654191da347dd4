#!/bin/bash
# expect: partial
# The pod runs, but only because the init container now does nothing: nginx has no page to serve.
kubectl -n cms-prod get pod site -o yaml > /root/site.yaml
sed -i "s|echo '<h1>Welcome</h1>' > /work/site/index.html|true|" /root/site.yaml
kubectl replace --force -f /root/site.yaml
sleep 20
