#!/bin/bash
kubectl -n analytics logs reporter --previous | tail -1 > /opt/reporter-error.txt
cat /opt/reporter-error.txt
kubectl -n analytics get pod reporter -o yaml > /root/reporter.yaml
kubectl -n analytics delete pod reporter --now
kubectl -n analytics run reporter --image=busybox:1.36 --command -- sh -c 'while true; do date; sleep 10; done'
sleep 20
kubectl -n analytics get pod reporter
