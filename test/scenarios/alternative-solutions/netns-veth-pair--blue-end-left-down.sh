#!/bin/bash
# expect: partial
# Brings only the red end up: addresses are right but nothing answers the ping.
ssh node01
ip netns add red
ip netns add blue
ip link add veth-red type veth peer name veth-blue
ip link set veth-red netns red
ip link set veth-blue netns blue
ip -n red addr add 10.200.0.1/24 dev veth-red
ip -n blue addr add 10.200.0.2/24 dev veth-blue
ip -n red link set veth-red up
exit
