#!/bin/bash
openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -enddate | cut -d= -f2 > /opt/apiserver-expiry.txt
openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -issuer
echo kubernetes > /opt/apiserver-issuer.txt
openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -ext subjectAltName | tr "," "\n" | grep -o "DNS:[^ ]*" | cut -d: -f2 > /opt/apiserver-dns.txt
