#!/bin/bash
# expect: full
# The fix as one-shot ssh commands, enable and start as two steps.
ssh node02 systemctl enable containerd
ssh node02 systemctl start containerd
kubectl wait --for=condition=Ready node/node02 --timeout=60s
