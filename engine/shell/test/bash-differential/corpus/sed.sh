### sed-substitute
echo 'image: nginx:1.14' | sed 's/1.14/1.25/'; echo 'a a a' | sed 's/a/b/g'; echo 'a a a' | sed 's/a/b/2'
### sed-n-p
seq 10 | sed -n '3p'; seq 10 | sed -n '2,4p'; seq 10 | sed -n '$p'; seq 10 | sed -n '8,$p'
### sed-delete
seq 6 | sed '2d'; seq 6 | sed '/[35]/d'; printf 'a\n\nb\n' | sed '/^$/d'
### sed-ampersand-groups
echo 'name: web' | sed 's/web/[&]/'; echo 'key=value' | sed 's/\(.*\)=\(.*\)/\2=\1/'; echo 'key=value' | sed -E 's/(.*)=(.*)/\2:\1/'
### sed-in-place
printf 'replicas: 1\nimage: old\n' > d.yaml; sed -i 's/replicas: 1/replicas: 3/' d.yaml; cat d.yaml; sed -i.bak 's/old/new/' d.yaml; cat d.yaml d.yaml.bak
### sed-address-regex
printf 'a\nstart\nb\nend\nc\n' | sed -n '/start/,/end/p'; printf 'x\n#c\ny\n' | sed '/^#/d'
### sed-multiple-expressions
echo abc | sed -e 's/a/A/' -e 's/c/C/'; echo abc | sed 's/a/1/;s/b/2/'
### sed-insert-append
printf 'a\nb\n' | sed '1i\top'; printf 'a\nb\n' | sed '$a\bottom'; printf 'a\nb\n' | sed '/a/a after-a'
### sed-change-line
printf 'a\nb\nc\n' | sed '2c\changed'
### sed-case-insensitive
echo 'Hello HELLO hello' | sed 's/hello/x/gI'
### sed-delimiter
echo /usr/local/bin | sed 's|/usr/local|/opt|'; echo a/b | sed 's#/#-#g'
### sed-y-and-print-line-numbers
echo hello | sed 'y/abcdefghij/ABCDEFGHIJ/'; printf 'a\nb\n' | sed -n '='
### sed-extended-classes
echo 'v1.28.3' | sed -E 's/v([0-9]+)\.([0-9]+)\.[0-9]+/\1.\2/'; echo 'a1b22c333' | sed 's/[0-9]\+/#/g'
### sed-errors
sed 's/a/b' f; echo "status $?"; sed -n p nofile; echo "status $?"; sed; echo "status $?"
### sed-quit-and-step
seq 10 | sed 3q; seq 10 | sed -n '1~3p'; seq 5 | sed -n '2,+1p'
### sed-hold-space
printf '1\n2\n3\n' | sed -n '1!G;h;$p'; printf 'a\nb\nc\n' | sed 'N;s/\n/,/'
### sed-uncomment-yaml
printf '# replicas: 1\n#image: x\n' | sed 's/^# *//'
### sed-indent
printf 'a\nb\n' | sed 's/^/  /'; printf '  a\n\tb\n' | sed 's/^[[:space:]]*//'
### sed-escaped-backslash-in-replacement
echo 'C:x' | sed 's/:/\\/'; echo 'a.b' | sed 's/\./\\./'
### sed-one-line-text-with-options
printf 'k\n' | sed -e '/k/a\after' -n -e p; printf 'x\n' | sed -n '1i\first'
### sed-in-place-backups
printf 'a\n' > si1; sed -i.orig 's/a/b/' si1; cat si1 si1.orig; printf 'a\n' > si2; sed --in-place=.bk -e 's/a/c/' si2 nofile; echo "status $?"; cat si2 si2.bk; printf 'a\n' > si3; sed -i'bak_*' 's/a/d/' si3; cat bak_si3; printf 'x\n' > si4; sed -n -i.b 'p;p' si4; cat si4 si4.b; ls si*
