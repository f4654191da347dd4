#!/bin/bash
# expect: partial
# The default scheduler's manifest copied and renamed, but without --config: it runs the
# default-scheduler profile, so nothing schedules pods asking for batch-scheduler.
sed -e 's/name: kube-scheduler$/name: batch-scheduler/' -e 's/--secure-port=10259/--secure-port=10282/' -e 's/--leader-elect=true/--leader-elect=false/' /etc/kubernetes/manifests/kube-scheduler.yaml > /etc/kubernetes/manifests/batch-scheduler.yaml
kubectl create ns batch --dry-run=client -o yaml | kubectl apply -f -
kubectl -n batch run nightly --image=busybox:1.36 --overrides='{"apiVersion":"v1","spec":{"schedulerName":"batch-scheduler"}}' --command -- sleep 3600
