#!/bin/bash
# expect: partial
# The configuration's full path written where its file name was asked.
ssh node01 "ls /etc/cni/net.d/*.conflist /etc/cni/net.d/*.conf 2>/dev/null" | sort | head -1 > /opt/cni-file.txt
ssh node01 "cat $(cat /opt/cni-file.txt)" | jq -r '.plugins[0].type // .type' > /opt/cni-type.txt
echo /opt/cni/bin > /opt/cni-bin.txt
