#!/bin/bash
kubectl -n media describe pvc shared-media | tail -3
kubectl -n media get pvc shared-media -o yaml > /root/shared-media.yaml
sed -i 's/- ReadWriteMany/- ReadWriteOnce/' /root/shared-media.yaml
kubectl replace --force -f /root/shared-media.yaml
kubectl -n media get pvc shared-media
