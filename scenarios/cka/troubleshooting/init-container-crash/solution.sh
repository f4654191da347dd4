#!/bin/bash
kubectl -n cms-prod logs site -c fetch
kubectl -n cms-prod get pod site -o yaml > /root/site.yaml
sed -i "s|> /work/site/index.html|> /work/index.html|" /root/site.yaml
kubectl replace --force -f /root/site.yaml
sleep 20
kubectl -n cms-prod get pod site
