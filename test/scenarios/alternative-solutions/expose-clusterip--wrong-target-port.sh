#!/bin/bash
# expect: partial
# Port 8080 forwarded to 8080: nginx listens on 80.
kubectl -n warehouse expose deployment inventory --name=inventory-svc --port=8080
