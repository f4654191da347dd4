#!/bin/bash
# expect: partial
# containerd started but not enabled: the node is Ready until the next reboot.
ssh node02 systemctl start containerd
kubectl wait --for=condition=Ready node/node02 --timeout=60s
