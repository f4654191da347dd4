#!/bin/bash
# expect: full
# The short name resolved through the pod's search domains; the pod IP read from -o wide.
echo catalog.lookup.svc.cluster.local. > /opt/svc-fqdn.txt
kubectl -n lookup exec probe -- nslookup catalog | grep -A1 '^Name:' | awk '/^Address/ {print $2}' > /opt/svc-ip.txt
ip=$(kubectl -n lookup get pod probe -o wide --no-headers | awk '{print $6}')
echo "${ip//./-}.lookup.pod.cluster.local" > /opt/pod-dns.txt
