#!/bin/bash
# expect: partial
# Started but not enabled: the node would be NotReady again after a reboot.
ssh node01 systemctl start kubelet
