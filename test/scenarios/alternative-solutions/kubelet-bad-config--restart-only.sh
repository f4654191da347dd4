#!/bin/bash
# expect: partial
# Restarting the kubelet without fixing the CA path in its config.
ssh node02 systemctl restart kubelet
