### heredoc-expands
name=web; cat <<EOF2
pod: $name
sum: $((1+2))
cmd: $(echo sub)
EOF2
### heredoc-quoted
cat <<'EOF2'
literal $HOME and $(date)
EOF2
### heredoc-tabs-stripped
cat <<-EOF2
	indented with tab
		two tabs
	EOF2
### heredoc-to-file
cat > pod.yaml <<EOF2
apiVersion: v1
kind: Pod
metadata:
  name: test
EOF2
wc -l < pod.yaml; grep -c name pod.yaml
### heredoc-in-function
f() { cat <<EOF2
inside $1
EOF2
}; f arg
### herestring
tr a-z A-Z <<< "hello here"; wc -c <<< "abc"; read -r a b <<< "first second"; echo "$b $a"
### herestring-var
v="multi
line"; cat <<< "$v"; wc -l <<< "$v"
### heredoc-pipe
cat <<EOF2 | sort -r
b
a
c
EOF2
### heredoc-backslash
cat <<EOF2
a \$notvar \\ back
EOF2
### heredoc-to-while
while read -r k v; do echo "$v=$k"; done <<EOF2
a 1
b 2
EOF2
