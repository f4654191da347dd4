### function-basic
greet() { echo "hello $1"; }; greet world; function bye { echo "bye $*"; }; bye a b
### function-return-code
check() { [ "$1" -gt 5 ]; }; check 10 && echo big; check 1 || echo small; f() { return 3; }; f; echo $?
### function-local
x=global; f() { local x=local; echo "in $x"; g; }; g() { echo "g sees $x"; }; f; echo "out $x"
### function-local-unset
f() { local v; echo "[${v-unset}]"; v=1; }; f; echo "[${v-still-unset}]"
### function-output-capture
get_ns() { echo "kube-system"; }; ns=$(get_ns); echo "ns=$ns"
### function-recursion
fact() { (( $1 <= 1 )) && { echo 1; return; }; echo $(( $1 * $(fact $(( $1 - 1 ))) )); }; fact 6
### function-args
f() { echo "$# args: $1 ${2:-none} ${@: -1}"; }; f a; f a b c
### function-positional-restored
set -- outer; f() { set -- inner1 inner2; echo "$@"; }; f; echo "$@"
### function-return-without-value
f() { false; return; }; f; echo $?
### function-modifies-global
count=0; inc() { count=$((count+1)); }; inc; inc; echo $count
### function-local-array
f() { local -a a=(1 2 3); echo "${#a[@]}"; }; f; echo "[${a[@]}]"
### function-declare-f
f() { echo hi; }; declare -f f; declare -F | grep -c f
### function-funcname
outer() { inner; }; inner() { echo "${FUNCNAME[0]} called by ${FUNCNAME[1]}"; }; outer
### unset-function
f() { echo f; }; unset -f f; f; echo "status $?"
### type-function
f() { echo x; }; type -t f; type -t echo; type -t ls; type -t if; type -t nothing; echo $?
