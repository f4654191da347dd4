#!/bin/bash
# expect: full
# The path fixed with the value quoted, as YAML allows, and the kubelet restarted with sudo.
ssh node02 <<'EOF'
sudo sed -i 's|clientCAFile: .*|clientCAFile: "/etc/kubernetes/pki/ca.crt"|' /var/lib/kubelet/config.yaml
sudo systemctl restart kubelet
EOF
