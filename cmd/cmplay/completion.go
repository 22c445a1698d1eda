package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/cmplay/cmplay/generator/check"
	"github.com/cmplay/cmplay/playbooks"
	"github.com/spf13/pflag"
)

// completeCommand is the hidden command the completion scripts call with the words typed so
// far; it prints what may come next. Keeping the logic here, in Go, makes the three scripts a few
// lines each and lets one table test cover every shell.
const completeCommand = "__complete"

// shells are the completion scripts `cmplay completion SHELL` prints.
var shells = map[string]string{
	"bash": `# bash completion for cmplay. Load it with: source <(cmplay completion bash)
_cmplay() {
	local cur=${COMP_WORDS[COMP_CWORD]} IFS=$'\n' out
	out=($(cmplay __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
	COMPREPLY=()
	case ${out[0]} in
	:dirs) COMPREPLY=($(compgen -d -- "$cur")) ;;
	:files) COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
	COMPREPLY+=("${out[@]:1}")
}
complete -o filenames -F _cmplay cmplay
`,
	"zsh": `#compdef cmplay
# zsh completion for cmplay. Load it with: source <(cmplay completion zsh)
# or save it as _cmplay in a folder on $fpath.
_cmplay() {
	local -a out
	out=("${(@f)$(cmplay __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
	case $out[1] in
	:dirs) _files -/ ;;
	:files) _files ;;
	esac
	if (( ${#out} > 1 )); then
		compadd -- "${(@)out[2,-1]}"
	fi
}
if [ "$funcstack[1]" = "_cmplay" ]; then
	_cmplay "$@"
else
	compdef _cmplay cmplay
fi
`,
	"fish": `# fish completion for cmplay. Load it with: cmplay completion fish | source
function __cmplay_complete
	set -l out (cmplay __complete (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null)
	switch "$out[1]"
		case :dirs
			__fish_complete_directories (commandline -ct)
		case :files
			__fish_complete_path (commandline -ct)
	end
	printf '%s\n' $out[2..-1]
end
complete -c cmplay -f -a '(__cmplay_complete)'
`,
}

// completionCmd declares `cmplay completion SHELL`.
func completionCmd(fs *pflag.FlagSet) runFunc {
	return func(args []string, stdout, stderr io.Writer) int {
		script, ok := shells[args[0]]
		if !ok {
			fmt.Fprintf(stderr, "cmplay completion: unknown shell %q (want bash, zsh or fish)%s\n", args[0], playbooks.Suggest(args[0], []string{"bash", "zsh", "fish"}))
			return 2
		}
		fmt.Fprint(stdout, script)
		return 0
	}
}

// completeCmd prints the completions of the words typed after "cmplay", the last being the one
// under the cursor (perhaps empty). The first line tells the shell what to add of its own:
// ":dirs", ":files" or ":none"; every further line is a candidate.
func completeCmd(*pflag.FlagSet) runFunc {
	return func(words []string, stdout, _ io.Writer) int {
		mode, cands := complete(commands(), words)
		fmt.Fprintln(stdout, mode)
		for _, c := range cands {
			fmt.Fprintln(stdout, c)
		}
		return 0
	}
}

// complete works out the candidates for the last of words.
func complete(cmds []*command, words []string) (mode string, cands []string) {
	if len(words) == 0 {
		words = []string{""}
	}
	cur, before := words[len(words)-1], words[:len(words)-1]
	var leaf *command
	var fs *pflag.FlagSet
	positional := 0
	for i := 0; i < len(before); i++ {
		w := before[i]
		switch {
		case fs != nil && strings.HasPrefix(w, "-"):
			name, _, hasValue := strings.Cut(strings.TrimLeft(w, "-"), "=")
			if f := fs.Lookup(name); f != nil && f.NoOptDefVal == "" && !hasValue {
				if i == len(before)-1 {
					return flagValues(name, cur)
				}
				i++ // the flag's value
			}
		case leaf != nil:
			positional++
		default:
			c := find(cmds, w)
			if c == nil {
				return ":none", nil
			}
			if c.sub != nil {
				cmds = c.sub
				continue
			}
			leaf, fs = c, newFlagSet(c.name)
			c.setup(fs)
		}
	}
	if leaf == nil {
		for _, c := range visible(cmds) {
			cands = appendPrefixed(cands, cur, c.name)
		}
		return ":none", cands
	}
	if strings.HasPrefix(cur, "-") {
		fs.VisitAll(func(f *pflag.Flag) { cands = appendPrefixed(cands, cur, "--"+f.Name) })
		return ":none", appendPrefixed(cands, cur, "--help")
	}
	return leafArgs(leaf.name, positional, cur)
}

// flagValues completes the value of the flag name.
func flagValues(name, cur string) (string, []string) {
	switch name {
	case "source", "out":
		return ":dirs", nil
	case "cpuprofile", "memprofile":
		return ":files", nil
	case "format":
		var cands []string
		for _, f := range check.Formats {
			cands = appendPrefixed(cands, cur, f)
		}
		return ":none", cands
	}
	return ":none", nil
}

// leafArgs completes the positional argument number n of a command.
func leafArgs(name string, n int, cur string) (mode string, cands []string) {
	switch {
	case name == "completion" && n == 0:
		for _, s := range []string{"bash", "fish", "zsh"} {
			cands = appendPrefixed(cands, cur, s)
		}
		return ":none", cands
	case name == "page" && n == 0:
		for _, k := range playbooks.Kinds {
			cands = appendPrefixed(cands, cur, string(k))
		}
		return ":none", cands
	case name == "page" && n == 1:
		return ":files", nil
	case name == "site" && n == 0:
		return ":dirs", nil
	}
	return ":none", nil
}

func appendPrefixed(list []string, prefix, s string) []string {
	if strings.HasPrefix(s, prefix) {
		return append(list, s)
	}
	return list
}
