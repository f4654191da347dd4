### dbl-bracket-regex
v=nginx-7d9f8-abcde; if [[ $v =~ ^([a-z]+)-([0-9a-f]+)-([a-z]+)$ ]]; then echo "${BASH_REMATCH[0]} ${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${#BASH_REMATCH[@]}"; fi
### dbl-bracket-regex-var
re='^v[0-9]+\.[0-9]+$'; for t in v1.28 v1.x 1.28; do [[ $t =~ $re ]] && echo "$t yes" || echo "$t no"; done
### dbl-bracket-glob
f=pod.yaml; [[ $f == *.yaml ]] && echo yaml; [[ $f == "*.yaml" ]] || echo literal-no; [[ $f != *.json ]] && echo notjson
### dbl-bracket-string-ops
a=abc; [[ -n $a && -z $unset ]] && echo ok; [[ $a < b ]] && echo less; [[ $a > b ]] || echo notgreater
### dbl-bracket-numbers
[[ 10 -gt 9 ]] && echo gt; [[ 10 > 9 ]] || echo strcmp; [[ 0x10 -eq 16 ]] && echo hex
### single-bracket
x=5; [ "$x" -eq 5 ] && echo eq; [ "$x" = 5 ] && echo streq; [ -z "" ] && echo empty; [ ! -n "" ] && echo notn
### test-files
touch f; mkdir d; ln -s f l; [ -f f ] && echo f; [ -d d ] && echo d; [ -e nope ] || echo no; [ -L l ] && echo link; [ -s f ] || echo empty; test -r f && echo readable
### test-errors
[ 1 -eq ]; echo $?; [ a -eq 1 ]; echo $?; [ 1 2 ]; echo $?
### test-empty-operand
x=; [ $x -gt 3 ]; echo $?; [ "$x" -gt 3 ]; echo $?; [ "" = "$x" ] && echo same; test $x -lt 1; echo $?
### test-syntax-errors
[ a b c ]; echo $?; [ a b c d ]; echo $?; [ 1 -eq 1 -a ]; echo $?; [ \( 1 -eq 1 ]; echo $?; test \( 1 -eq 1; echo $?; [ a -o b -x ]; echo $?; [ -q x ]; echo $?; [ 1 -eq 1 \) ]; echo $?
### test-integers
[ " 5 " -eq 5 ] && echo blanks; [ +3 -eq 3 ] && echo plus; [ 010 -eq 10 ] && echo decimal; [ 9223372036854775807 -gt 9223372036854775806 ] && echo int64; [ 99999999999999999999 -gt 1 ]; echo $?
### test-errors-in-expressions
[ 1 -eq 1 -o a -eq 1 ]; echo $?; for i in 1 a 3; do [ $i -eq 1 ] && echo one; done; echo end
### test-precedence-and-parens
[ ! a = b ] && echo not; [ ! ! a ] && echo notnot; [ "(" x ")" ] && echo paren; [ \( -n a \) -a ! -z a ] && echo grouped; [ a -a -a -a ]; echo $?; [ ]; echo $?; [ ! ]; echo $?
### test-file-comparisons
touch f1; sleep 0.01; touch f2; ln -s f1 l1; [ f2 -nt f1 ] && echo newer; [ f1 -nt nope ] && echo exists-newer; [ nope -ot f1 ] && echo older; [ f1 -ef l1 ] && echo same; [ f1 -ef f2 ] || echo different; [ -h l1 ] && echo link; [ -e "" ] || echo empty-path
### test-missing-bracket
[ 1 -eq 1; echo $?
### test-combined
[ 1 -eq 1 -a 2 -eq 2 ] && echo and; [ 1 -eq 2 -o 2 -eq 2 ] && echo or
### dbl-bracket-and-or-not
[[ ! -e nope && ( 1 -eq 1 || 0 -eq 1 ) ]] && echo combined
### case-basic
for v in start stop restart other; do case $v in start|restart) echo "up $v";; stop) echo down;; *) echo "unknown $v";; esac; done
### case-patterns
for f in a.yaml b.yml c.json Makefile; do case "$f" in *.y?ml|*.yml) echo "$f yaml";; *.json) echo "$f json";; [A-Z]*) echo "$f capital";; esac; done
### case-fallthrough
case x in x) echo one;& y) echo two;; z) echo three;; esac; case ab in a*) echo A;;& *b) echo B;; esac
### case-no-match-status
case q in a) echo a;; esac; echo "status $?"
### dbl-bracket-regex-no-match-clears
[[ abc =~ (b) ]]; echo "${BASH_REMATCH[1]}"; [[ abc =~ (z) ]]; echo "[${BASH_REMATCH[1]}] ${#BASH_REMATCH[@]}"
### test-string-equal-double
[ "a" == "a" ] && echo ok; test abc \< abd && echo lt
### dbl-bracket-file-newer
touch -d '2020-01-01' old; touch new; [[ new -nt old ]] && echo newer; [[ old -ot new ]] && echo older
