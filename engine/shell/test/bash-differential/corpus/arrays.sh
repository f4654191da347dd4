### indexed-basics
arr=(alpha beta gamma); echo "${arr[0]}" "${arr[@]}" "${#arr[@]}" "${arr[-1]}"
### append-and-indices
arr=(a b); arr+=(c d); arr[10]=z; echo "${!arr[@]}"; echo "${arr[@]}"
### array-slice
a=(0 1 2 3 4 5); echo "${a[@]:2}" "|" "${a[@]:1:3}" "|" "${a[@]: -2}"
### array-loop-quoted
pods=("web 1" "db 2"); for p in "${pods[@]}"; do echo "[$p]"; done
### unset-element
a=(x y z); unset 'a[1]'; echo "${#a[@]}" "${!a[@]}" "${a[@]}"
### associative
declare -A cap=([cpu]=2 [memory]=4Gi); cap[pods]=110; echo "${cap[cpu]} ${cap[memory]} ${#cap[@]}"; for k in $(printf '%s\n' "${!cap[@]}" | sort); do echo "$k=${cap[$k]}"; done
### associative-exists
declare -A m; m[a]=1; [[ -v m[a] ]] && echo has-a; [[ -v m[b] ]] || echo no-b
### array-from-command
mapfile -t lines < <(printf 'one\ntwo\nthree\n'); echo "${#lines[@]} ${lines[2]}"
### array-split-string
IFS=, read -ra parts <<< "a,b,c"; echo "${#parts[@]}" "${parts[1]}"
### array-join
a=(x y z); (IFS=,; echo "${a[*]}"); echo "${a[*]}"
### array-pattern-ops
a=(app.yaml db.yaml svc.json); echo "${a[@]%.*}"; echo "${a[@]/yaml/yml}"; echo "${a[@]^^}"
### declare-p-array
a=(1 "two words"); declare -p a; declare -A b=([k]=v); declare -p b
### array-length-of-element
a=(short "much longer"); echo "${#a[1]}"
### array-sort
a=(pear apple fig); sorted=($(printf '%s\n' "${a[@]}" | sort)); echo "${sorted[@]}"
### array-in-arith
a=(3 5 7); echo $(( a[0] + a[2] )); i=1; echo $(( a[i] * 2 ))
### readarray-count
readarray -t arr <<< $'x\ny'; echo "${#arr[@]}"; declare -p arr
