#!/bin/bash
ssh node02
ip netns add app1
ip netns add app2
ip link add veth-app1 type veth peer name veth-app1-br
ip link add veth-app2 type veth peer name veth-app2-br
ip link set veth-app1 netns app1
ip link set veth-app2 netns app2
ip -n app1 addr add 10.50.0.11/24 dev veth-app1
ip -n app2 addr add 10.50.0.12/24 dev veth-app2
ip -n app1 link set veth-app1 up
ip -n app2 link set veth-app2 up
sysctl -w net.ipv4.ip_forward=0
exit
