#!/bin/bash
# expect: full
# Through sudo, with enable and start as two commands.
ssh node01 'sudo systemctl enable kubelet && sudo systemctl start kubelet'
