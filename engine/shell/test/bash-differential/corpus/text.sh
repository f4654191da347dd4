### seq-forms
seq 3; seq 2 4; seq 0 5 20; seq -s, 5; seq -w 8 11; seq 3 -1 1
### seq-format-and-errors
seq -f 'node%02g' 3; seq; echo "status $?"; seq a; echo "status $?"
### sort-basic
printf 'b\na\nc\na\n' | sort; printf 'b\na\nc\na\n' | sort -u; printf 'b\na\nc\n' | sort -r
### sort-numeric
printf '10\n9\n100\n-1\n' | sort -n; printf '10\n9\n100\n' | sort; printf '10\n9\n100\n' | sort -rn
### sort-key-field
printf 'web 3\ndb 10\napi 1\n' | sort -k2 -n; printf 'web 3\ndb 10\napi 1\n' | sort -k2,2nr
### sort-separator
printf 'c:3:x\na:1:y\nb:2:z\n' | sort -t: -k2 -n; printf 'root:x:0\nbin:x:2\ndaemon:x:1\n' | sort -t: -k3,3n
### sort-human
printf '1G\n512M\n2K\n10M\n1.5G\n' | sort -h; printf '100Mi\n1Gi\n50Ki\n' | sort -h
### sort-mixed-case-and-blank
printf 'b\nB\na\nA\n\n' | sort; printf 'b\nB\na\nA\n' | sort -f
### sort-check-and-output
printf 'a\nc\nb\n' | sort -c; echo "status $?"; printf 'z\ny\n' | sort -o sorted.txt; cat sorted.txt
### sort-stable-multikey
printf 'x 2 b\ny 1 a\nz 2 a\n' | sort -k2,2n -k3,3
### uniq-forms
printf 'a\na\nb\nc\nc\nc\n' | uniq; printf 'a\na\nb\nc\nc\nc\n' | uniq -c; printf 'a\na\nb\n' | uniq -d; printf 'a\na\nb\n' | uniq -u
### uniq-count-sort
printf 'Running\nPending\nRunning\nFailed\nRunning\n' | sort | uniq -c | sort -rn
### cut-fields
echo 'a:b:c:d' | cut -d: -f2; echo 'a:b:c:d' | cut -d: -f1,3; echo 'a:b:c:d' | cut -d: -f2-; echo 'abcdef' | cut -c2-4
### cut-missing-delim
printf 'no-delim\nx,y\n' | cut -d, -f2; printf 'no-delim\nx,y\n' | cut -s -d, -f2
### cut-errors
cut -f1; echo "status $?"; echo a | cut -d: ; echo "status $?"
### tr-forms
echo hello | tr a-z A-Z; echo 'a  b   c' | tr -s ' '; echo 'abc123' | tr -d 0-9; echo 'a:b' | tr : '\n'; echo hello | tr -c 'a-z\n' _
### tr-classes
echo 'Hello World 42' | tr '[:lower:]' '[:upper:]'; echo 'Hello World 42' | tr -cd '[:digit:]'; echo
### wc-forms
printf 'one two\nthree\n' > f; wc -l f; wc -w < f; wc -c f; wc f; printf 'x' | wc -l; wc -l nofile; echo "status $?"
### wc-multiple-files
printf 'a\n' > a; printf 'b\nc\n' > b; wc -l a b
### head-tail
seq 10 > n; head -n 3 n; tail -n 2 n; tail -n +9 n; head -n -8 n; head -c 5 n | od -c | head -1; tail -c 3 n
### head-tail-multiple
seq 3 > a; seq 4 6 > b; head -n 1 a b; tail -n 1 a b
### head-errors
head -n x f; echo "status $?"; head nofile; echo "status $?"
### column-t
printf 'NAME READY STATUS\nweb-1 1/1 Running\ndb 0/1 Pending\n' | column -t
### column-separator
printf 'a:bb:c\nddd:e:f\n' | column -t -s:
### rev-and-fold
echo abc | rev; echo abcdefghij | fold -w 3
### nl-and-paste
printf 'a\nb\n' | nl; printf 'a\nb\n' > x; printf '1\n2\n' > y; paste x y; paste -d, x y; paste -sd+ y
### tac-and-comm
printf '1\n2\n3\n' | tac; printf 'a\nb\nc\n' > l; printf 'b\nc\nd\n' > r; comm l r; comm -12 l r
### expand-join-split
printf 'a 1\nb 2\n' > j1; printf 'a x\nb y\n' > j2; join j1 j2
### md5-sha
printf 'hello' | md5sum; printf 'hello' | sha256sum; echo hello > f; sha1sum f
### base64
echo -n 'admin:secret' | base64; echo YWRtaW46c2VjcmV0 | base64 -d; echo; printf '%s' "$(head -c 100 /dev/zero | tr '\0' a)" | base64 -w0; echo
### base64-wrap-and-errors
head -c 60 /dev/zero | base64; echo 'not base64!' | base64 -d; echo "status $?"
### xxd-od
printf 'AB\n' | od -An -tx1; printf 'hi' | od -c
### sort-code-point-header
printf 'NAME READY\nnginx-1 1/1\napi-2 1/1\nZeta 0/1\n_x 1/1\n' | sort; printf 'b\n\tb\n b\nB\n' | sort
### sort-version-and-month
printf 'v1.10.0\nv1.9.2\nv1.29.1\nv1.9.10\nfoo.tar.gz\nfoo-1.2\n.hidden\n' | sort -V; printf 'Mar x\nJan y\nfeb z\nnope\nDEC w\n' | sort -M
### sort-general-numeric
printf '1e3\n-5\nabc\n2.5\n0x10\n-inf\n' | sort -g; printf '3\n-0\n0\n+1\n-\n.5\n' | sort -n
### sort-keys-and-blanks
printf 'a  3\nb 10\nc   2\n' | sort -k2; printf 'a  3\nb 10\nc   2\n' | sort -b -k2; printf 'x:b2\ny:a9\nz:a10\n' | sort -t: -k2.2n; printf 'b 1\na 1\nc 0\n' | sort -k2,2 -r; printf 'b 1\na 1\n' | sort -k2,2r
### sort-unique-by-key
printf 'web 1\napi 2\nweb 3\napi 4\n' | sort -u -k1,1; printf 'B\nb\na\nA\n' | sort -fu; printf 'b 1\na 1\n' | sort -s -k2,2
### sort-dictionary-and-fold
printf 'a-c\nab\n_b\nB\n' | sort -d; printf 'a-c\nab\n_b\nB\n' | sort -df; printf 'x\nY\nz\n' | sort -rf
### sort-zero-and-output
printf 'b\0a\0c\0' | sort -z | tr '\0' '\n'; printf 'c\nb\n' > s.txt; sort -o s.txt s.txt; cat s.txt; sort -c s.txt; echo "check $?"; printf 'a\na\n' | sort -cu; echo "unique $?"; printf 'b\na\n' | sort -C; echo "quiet $?"
### sort-errors
sort nofile; echo "status $?"; sort -x; echo "status $?"; sort -k0 </dev/null; echo "status $?"; sort -k1.0 </dev/null; echo "status $?"; sort -k 1x </dev/null; echo "status $?"; sort -t ab </dev/null; echo "status $?"; sort -n -M </dev/null; echo "status $?"; sort -c a b; echo "status $?"; sort --foo; echo "status $?"; mkdir -p dd; sort dd; echo "status $?"
### sort-human-units
printf '1K\n1M\n900K\n-1G\n2\n1.5M\n' | sort -h; printf '1K\n1M\n900K\n2\n' | sort -hr
### base64-decode-partial-and-garbage
echo 'YWJ' | base64 -d; echo " $?"; echo 'YWJj YWJj' | base64 -d; echo " $?"; printf 'YW\nJj\n' | base64 -d; echo " $?"; echo 'Y!WJj' | base64 -di; echo " $?"; echo 'YWJjZA==YWJj' | base64 -d; echo " $?"; echo 'YWJj=' | base64 --decode; echo " $?"
### tr-nul-and-octal
printf 'a\0b\0' | tr '\0' '\n'; printf 'x\ny\n' | tr '\n' '\000' | od -c; echo abc | tr '\141-\142' 'X'; printf 'a\r\n' | tr -d '\015' | od -c
### dev-zero-and-urandom
head -c 100 /dev/zero | wc -c; head -c 5 /dev/zero | od -An -tx1; head -c 32 /dev/urandom | base64 | wc -c; tr -dc 'a-z0-9' < /dev/urandom | head -c 16 | wc -c
### seq-format-forms
seq -f '%.2f' 0 0.5 2; seq -f '%e' 1 2; seq -f '%g' 1000000 1000001; seq -f '%5g|' 3; seq -f '%%%g' 2; seq --format='%.1f' 2; seq -f '%g' -s: 3; seq -f '%5.1f' -1 1; seq -f 'pod-%03.0f' 8 10; seq -f '%g' 3 1; echo "empty $?"
### seq-format-errors
seq -f 'x' 2; echo "status $?"; seq -f '%d' 2; echo "status $?"; seq -f '%g %g' 2; echo "status $?"; seq -f '%g' -w 3; echo "status $?"; seq -f; echo "status $?"; seq -f 'a%' 1; echo "status $?"; seq -f %g 1 0 2; echo "status $?"; seq -f %g 1 2 3 4; echo "status $?"
### wc-column-widths
printf 'a\n' > w1; printf 'bb cc\n' > w2; head -c 100000 /dev/zero > w3; wc w1 w2; wc -c w1; echo a | wc -l; echo a | wc; echo a | wc -l w1 -; echo a | wc -lc; wc -lc w1; wc -l w1 w3; printf 'x y\n' > 'sp ace'; wc 'sp ace' w1
### head-messages
head -c x f; echo "status $?"; head --lines=abc; echo "status $?"; head -n; echo "status $?"; head nofile /etc/hostname > /dev/null; echo "status $?"
