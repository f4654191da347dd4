#!/bin/bash
# expect: full
# Attaches and brings up each port in one command, turns forwarding on through /proc, adds the
# routes from inside the namespaces and masquerades by outgoing interface.
ssh node02
ip link add name br-apps type bridge
ip link set br-apps up
ip address add 10.50.0.1/24 dev br-apps
ip link set dev veth-app1-br master br-apps up
ip link set dev veth-app2-br master br-apps up
ip netns exec app1 ip route add default via 10.50.0.1
ip netns exec app2 ip route add 0.0.0.0/0 via 10.50.0.1
echo 1 > /proc/sys/net/ipv4/ip_forward
iface=$(ip route show default | awk '{print $5}')
iptables -t nat -A POSTROUTING -s 10.50.0.0/24 -o "$iface" -j MASQUERADE
ip netns exec app1 ping -c 1 10.50.0.12
ip netns exec app1 ping -c 1 172.30.2.2
exit
