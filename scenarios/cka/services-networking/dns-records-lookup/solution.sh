#!/bin/bash
echo catalog.lookup.svc.cluster.local > /opt/svc-fqdn.txt
kubectl -n lookup exec probe -- nslookup catalog.lookup.svc.cluster.local
kubectl -n lookup exec probe -- nslookup catalog.lookup.svc.cluster.local | awk '/^Address/ {ip=$2} END {print ip}' > /opt/svc-ip.txt
echo "$(kubectl -n lookup get pod probe -o jsonpath='{.status.podIP}' | tr . -).lookup.pod.cluster.local" > /opt/pod-dns.txt
