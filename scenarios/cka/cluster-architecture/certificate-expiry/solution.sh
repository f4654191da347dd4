#!/bin/bash
openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -enddate | cut -d= -f2 > /opt/apiserver-expiry.txt
openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -issuer
echo kubernetes > /opt/apiserver-issuer.txt
openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -text | grep -A1 "Subject Alternative Name"
openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -text | grep -A1 "Subject Alternative Name" | tail -1 | tr "," "\n" | grep -o "DNS:[^ ]*" | cut -d: -f2 > /opt/apiserver-dns.txt
