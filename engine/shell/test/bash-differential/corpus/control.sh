### for-list
for n in 1 2 3; do echo "n=$n"; done
### for-brace-range
for i in {1..5}; do printf '%s,' $i; done; echo; echo {a..e} {01..03} {10..0..5} {a,b}{1,2}
### brace-nested
echo pod-{web,db}-{1..2}.yaml; echo {x,y{1,2}}; echo "{1..3}" {1..1}
### while-counter
i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done
### until-loop
n=3; until (( n == 0 )); do echo $n; ((n--)); done
### break-continue
for i in 1 2 3 4 5 6; do (( i == 2 )) && continue; (( i == 5 )) && break; echo $i; done
### nested-break
for i in 1 2; do for j in a b c; do [ $j = b ] && break 2; echo $i$j; done; done; echo done
### while-retry
tries=0; until [ $tries -ge 3 ]; do tries=$((tries+1)); echo "try $tries"; done; echo "gave up after $tries"
### if-elif-else
for x in 1 5 10; do if (( x < 3 )); then echo small; elif (( x < 7 )); then echo mid; else echo big; fi; done
### and-or-chains
true && echo a || echo b; false && echo c || echo d; false || false || echo e
### negation
! false && echo negated; ! true; echo $?
### group-and-subshell
x=1; { x=2; echo "in group $x"; }; echo "after group $x"; (x=3; echo "in sub $x"); echo "after sub $x"
### subshell-cd
mkdir sub; (cd sub && pwd | sed 's|.*/||'); pwd | grep -c sub
### loop-output-redirect
for i in 3 1 2; do echo $i; done > out.txt; sort out.txt; for i in a b; do echo $i; done | wc -l
### while-false-status
while false; do :; done; echo "status $?"
### for-without-in
set -- x y; for a; do echo "[$a]"; done
### select-not-interactive
for i in $(seq 3); do echo "i$i"; done
### loop-over-glob
touch a.log b.log c.txt; for f in *.log; do echo "${f%.log}"; done
### c-style-two-vars
for ((i=0, j=10; i<3; i++, j-=2)); do echo "$i $j"; done
