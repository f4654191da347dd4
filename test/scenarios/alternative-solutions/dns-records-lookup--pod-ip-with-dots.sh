#!/bin/bash
# expect: partial
# The pod's record written with the dotted IP instead of the dashed form.
echo catalog.lookup.svc.cluster.local > /opt/svc-fqdn.txt
kubectl -n lookup get svc catalog -o jsonpath='{.spec.clusterIP}' > /opt/svc-ip.txt
echo "$(kubectl -n lookup get pod probe -o jsonpath='{.status.podIP}').lookup.pod.cluster.local" > /opt/pod-dns.txt
