#!/bin/bash
# expect: full
# Creates each end of the pair directly inside its namespace and uses ip's short forms and
# `ip netns exec` instead of -n.
ssh node01
ip netns add red
ip netns add blue
ip link add veth-red netns red type veth peer name veth-blue netns blue
ip netns exec red ip a a 10.200.0.1/24 dev veth-red
ip netns exec blue ip a a 10.200.0.2/24 dev veth-blue
ip netns exec red ip l set veth-red up
ip netns exec blue ip l set dev veth-blue up
ip netns exec red ping -c 2 10.200.0.2
exit
