/**
 * The script `kubectl completion bash` prints. Kubecoach's own (cobra's generated script is not
 * reproduced): it defines `__start_kubectl` over `kubectl __complete`, the protocol cobra's
 * scripts use, and registers it for kubectl. In the Kubecoach terminal a command registered to
 * `__start_kubectl` (kubectl itself, or `k` after `complete -o default -F __start_kubectl k`) is
 * completed by the terminal directly, with the same candidates.
 */
export const BASH_COMPLETION_SCRIPT = `# bash completion for kubectl                                -*- shell-script -*-
#
# Load it into the current shell with:   source <(kubectl completion bash)
# and complete an alias the same way:    complete -o default -F __start_kubectl k

__start_kubectl()
{
    local cur args out directive candidate
    cur="\${COMP_WORDS[COMP_CWORD]}"
    args=("\${COMP_WORDS[@]:1:COMP_CWORD-1}")
    out=$(kubectl __complete "\${args[@]}" "$cur" 2>/dev/null)
    directive=\${out##*:}
    out=\${out%:*}
    COMPREPLY=()
    local IFS=$'\\n'
    for candidate in $out; do
        candidate=\${candidate%%$'\\t'*}
        [[ $candidate == "$cur"* ]] && COMPREPLY+=("$candidate")
    done
    if [[ \${#COMPREPLY[@]} -eq 0 && $directive != 4 ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}

complete -o default -F __start_kubectl kubectl

# ex: ts=4 sw=4 et filetype=sh
`;
