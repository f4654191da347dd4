### glob-basic
touch a.txt b.txt c.log .hidden; echo *.txt; echo ?.log; echo [ab].*; echo *
### glob-no-match
echo *.none; shopt -s nullglob; echo "[" *.none "]"
### glob-dotglob
touch .dot visible; echo *; shopt -s dotglob; echo *
### glob-extglob
touch a.yaml b.yml c.json d.txt; shopt -s extglob; echo !(*.json); echo *.@(yaml|yml); echo +(a|b).*
### glob-failglob
shopt -s failglob; echo *.none; echo "status $?"
### glob-in-subdirs
mkdir -p x/y; touch x/1.conf x/y/2.conf; echo x/*.conf; echo */*.conf; echo x/*/*
### glob-char-class
touch f1 f2 fa; echo f[0-9]; echo f[!0-9]; echo f[[:alpha:]]
### glob-sorted
touch B a C b; echo *
### glob-globstar
mkdir -p a/b/c; touch a/1.y a/b/2.y a/b/c/3.y; shopt -s globstar; echo **/*.y
### glob-nocaseglob
touch Readme.MD; shopt -s nocaseglob; echo readme.*
