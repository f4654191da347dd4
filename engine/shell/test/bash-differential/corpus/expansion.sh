### default-values
unset v; echo "${v:-default}" "${v-dash}"; v=""; echo "[${v:-d}]" "[${v-d}]"; echo "${w:=assigned}" "$w"
### alternate-value
v=x; echo "${v:+set}" "[${u:+set}]"; e=""; echo "[${e:+nonempty}]" "[${e+defined}]"
### error-if-unset
unset v; (echo "${v:?must be set}"); echo "status $?"
### strip-prefix-suffix
img=registry.k8s.io/pause:3.9; echo "${img#*/}" "${img##*/}" "${img%:*}" "${img%%.*}"
### strip-image-tag
image=nginx:1.25.3-alpine; echo "${image%%:*}" "${image#*:}" "${image##*-}"
### replace-patterns
s=a-b-c-d; echo "${s/-/_}" "${s//-/_}" "${s/#a/X}" "${s/%d/Y}" "${s//[bc]/}"
### length
s="hello world"; arr=(a bb ccc); echo "${#s}" "${#arr[@]}" "${#arr[1]}" "${#}"
### case-modification
n=node01; echo "${n^^}" "${n^}" "${n,,}"; N=HELLO; echo "${N,,}" "${N,}"
### substrings
s=controlplane; echo "${s:0:7}" "${s:7}" "${s: -5}" "${s: -5:2}" "${s:3:-2}"
### indirect-expansion
name=target; target=found; echo "${!name}"; pre_a=1 pre_b=2; echo ${!pre_*}
### positional-parameters
set -- one "two words" three; echo "$#" "$1" "$2"; for a in "$@"; do echo "[$a]"; done; echo "$*"
### shift-parameters
set -- a b c d; shift; echo "$@"; shift 2; echo "$@"; shift 5; echo "status $?"
### star-with-ifs
set -- a b c; IFS=,; echo "$*"; IFS=:; x="$*"; echo "$x"
### command-substitution
d=$(echo hello | tr a-z A-Z); echo "$d" "$(echo nested $(echo deep))" `echo back`
### substitution-strips-newlines
x=$(printf 'a\n\n\n'); echo "[$x]"; y=$(printf '\n\nb'); echo "[$y]"
### tilde-expansion
echo ~ | grep -c kcdiff; cd ~ && pwd | grep -c kcdiff
### arithmetic-expansion-in-string
a=5; b=3; echo "sum=$((a+b)) prod=$((a*b)) div=$((a/b)) mod=$((a%b)) pow=$((a**b))"
### special-parameters
echo "$$" | grep -cE '^[0-9]+$'; false; echo "$?"; true; echo "$?"; echo "$-" | grep -c h
### random-and-seconds
r=$RANDOM; (( r >= 0 && r < 32768 )) && echo ok; echo "$SECONDS" | grep -cE '^[0-9]+$'
### lineno
echo $LINENO
echo $LINENO
### uppercase-in-loop
for ns in default kube-system; do echo "${ns^^}"; done
### nested-default
unset a b; echo "${a:-${b:-inner}}"
### quote-removal-in-expansion
v='a b'; echo "${v:-"x y"}"; unset v; echo ${v:-"x   y"}
### ifs-default-split
v="  a   b  c "; set -- $v; echo $#; printf '[%s]\n' "$@"
### ifs-custom-split
line="root:x:0:0:root:/root:/bin/bash"; IFS=: read -r user pw uid rest <<< "$line"; echo "$user $uid $rest"
### ifs-colon-loop
p="a:b::c"; IFS=:; for x in $p; do echo "[$x]"; done
### pattern-with-star-in-var
f=file.tar.gz; echo "${f%.*}" "${f%%.*}" "${f#*.}" "${f##*.}"
### replace-with-slash
p=/var/log/pods; echo "${p//\//_}" "${p/\/var/}"
### parameter-transform
v='it'\''s'; echo "${v@Q}"; n=5; echo "${n@A}" | head -c 20; echo
