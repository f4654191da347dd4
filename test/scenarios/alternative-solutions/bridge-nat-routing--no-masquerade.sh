#!/bin/bash
# expect: partial
# Bridge, routes and forwarding, but no NAT rule: replies from node01 cannot find their way back.
ssh node02
ip link add br-apps type bridge
ip addr add 10.50.0.1/24 dev br-apps
ip link set br-apps up
ip link set veth-app1-br master br-apps
ip link set veth-app2-br master br-apps
ip link set veth-app1-br up
ip link set veth-app2-br up
ip -n app1 route add default via 10.50.0.1
ip -n app2 route add default via 10.50.0.1
sysctl -w net.ipv4.ip_forward=1
exit
