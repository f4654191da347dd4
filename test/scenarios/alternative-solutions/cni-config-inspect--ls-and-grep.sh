#!/bin/bash
# expect: full
# ls lists in lexical order already; the type read with grep and cut instead of jq.
file=$(ssh node01 ls /etc/cni/net.d | grep -E '\.conf(list)?$' | head -1)
echo "$file" > /opt/cni-file.txt
ssh node01 cat /etc/cni/net.d/$file | grep -m1 '"type"' | cut -d'"' -f4 > /opt/cni-type.txt
ssh node01 ls -d /opt/cni/bin > /opt/cni-bin.txt
