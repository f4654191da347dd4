### arith-basics
echo $((7/2)) $((-7/2)) $((7%3)) $((-7%3)) $((2**10)) $((1<<4)) $((255>>2)) $((5&3)) $((5|3)) $((5^3))
### arith-compare
echo $((3>2)) $((3<2)) $((3==3)) $((3!=3)) $((!0)) $((1&&0)) $((1||0))
### arith-ternary-comma
x=5; echo $(( x > 3 ? 10 : 20 )) $(( y=2, y*3 ))
### arith-increments
i=0; ((i++)); ((++i)); ((i+=5)); ((i*=2)); ((i--)); echo $i
### arith-status
((0)); echo $?; ((5)); echo $?; (( x = 0 )); echo $?
### arith-bases
echo $((16#ff)) $((8#17)) $((2#1010)) $((0x1F)) $((010))
### arith-in-var
n=3; m="n+1"; echo $((m*2)) $(( n * 2 ))
### arith-divide-zero
echo $((1/0)); echo "after $?"
### arith-let
let a=3+4 b=a*2; echo $a $b; let "c = a - 10"; echo $c
### arith-for
for ((i=0; i<3; i++)); do printf '%d ' $i; done; echo
### arith-unset-var
unset z; echo $((z+1)) $((z))
### arith-large
echo $((2**62)) $((2**63)) $((9223372036854775807+1))
### declare-integer
declare -i n=5; n+=3; echo $n; n="2*4"; echo $n
### arith-negative-modulo-loop
total=0; for n in 10 20 30; do total=$((total + n)); done; echo "avg $((total/3))"
### arith-syntax-error
echo $((3 +* 2)); echo "status $?"
