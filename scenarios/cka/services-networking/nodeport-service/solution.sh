#!/bin/bash
kubectl -n ops-ui create service nodeport dashboard --tcp=80:80 --node-port=30080
curl -s http://172.30.2.2:30080 | head -5
