#!/bin/bash
# expect: full
# A JSON patch adding the volume and the mount (as `kubectl edit` would produce).
kubectl -n cms patch deployment cms --type=json -p='[
 {"op":"add","path":"/spec/template/spec/volumes","value":[{"name":"uploads","persistentVolumeClaim":{"claimName":"uploads"}}]},
 {"op":"add","path":"/spec/template/spec/containers/0/volumeMounts","value":[{"name":"uploads","mountPath":"/var/www/uploads"}]}]'
