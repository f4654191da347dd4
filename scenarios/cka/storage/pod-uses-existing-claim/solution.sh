#!/bin/bash
kubectl -n cms patch deployment cms -p '{"spec":{"template":{"spec":{"volumes":[{"name":"uploads","persistentVolumeClaim":{"claimName":"uploads"}}],"containers":[{"name":"cms","volumeMounts":[{"name":"uploads","mountPath":"/var/www/uploads"}]}]}}}}'
kubectl -n cms rollout status deployment cms --timeout=120s
