#!/bin/bash
kubectl -n cms patch deployment cms -p '{"spec":{"template":{"spec":{"volumes":[{"name":"uploads","persistentVolumeClaim":{"claimName":"uploads"}}],"containers":[{"name":"cms","volumeMounts":[{"name":"uploads","mountPath":"/var/www/uploads"}]}]}}}}'
sleep 30
kubectl -n cms get deployment cms
