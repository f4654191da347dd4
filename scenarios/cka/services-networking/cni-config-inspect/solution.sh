#!/bin/bash
ssh node01 'ls /etc/cni/net.d' | grep -E '\.conf(list)?$' | sort | head -1 > /opt/cni-file.txt
ssh node01 "cat /etc/cni/net.d/$(cat /opt/cni-file.txt)" | jq -r '.plugins[0].type // .type' > /opt/cni-type.txt
echo /opt/cni/bin > /opt/cni-bin.txt
