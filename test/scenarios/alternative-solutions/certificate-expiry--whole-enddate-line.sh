#!/bin/bash
# expect: partial
# The whole "notAfter=…" line written instead of the date after it.
crt=/etc/kubernetes/pki/apiserver.crt
openssl x509 -in $crt -noout -enddate > /opt/apiserver-expiry.txt
echo kubernetes > /opt/apiserver-issuer.txt
openssl x509 -in $crt -noout -text | grep -A1 "Subject Alternative Name" | tail -1 | tr "," "\n" | grep -o "DNS:[^ ]*" | cut -d: -f2 > /opt/apiserver-dns.txt
