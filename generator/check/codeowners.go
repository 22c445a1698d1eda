package check

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/cmplay/cmplay/playbooks"
)

// CodeownersFiles are the places GitHub looks for a CODEOWNERS file, in the order it looks.
var CodeownersFiles = []string{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}

// Owners are the rules of a CODEOWNERS file.
type Owners struct {
	rules []ownerRule
}

type ownerRule struct {
	re     *regexp.Regexp
	owners []string
}

// ParseCodeowners reads a CODEOWNERS file in GitHub's syntax: each line a pattern followed by
// owners, "#" comments, and the last matching pattern wins (a pattern with no owners leaves its
// files unowned). Patterns follow gitignore: a leading or inner "/" anchors the pattern at the
// repository root, otherwise it matches at any depth; "*" stays within a folder, "**" crosses
// folders; a pattern naming a folder covers everything below it, except that "dir/*" covers only
// the folder's direct files. file names the CODEOWNERS file in diagnostics.
func ParseCodeowners(file string, data []byte) (*Owners, playbooks.Diagnostics) {
	o := &Owners{}
	var ds playbooks.Diagnostics
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		re, err := patternRegexp(fields[0])
		if err != nil {
			ds = append(ds, playbooks.Diagnostic{File: file, Line: n, Col: 1, Severity: playbooks.Warning, Rule: "codeowners",
				Msg: fmt.Sprintf("pattern %q: %v", fields[0], err), Fix: "use gitignore-style patterns such as /content/guidelines/ or *.md"})
			continue
		}
		o.rules = append(o.rules, ownerRule{re: re, owners: fields[1:]})
	}
	return o, ds
}

// Match returns the owners of a slash-separated path from the repository root; nil when no rule
// matches, the last matching rule has no owners, or o is nil.
func (o *Owners) Match(file string) []string {
	if o == nil {
		return nil
	}
	file = strings.TrimPrefix(file, "/")
	for i := len(o.rules) - 1; i >= 0; i-- {
		if o.rules[i].re.MatchString(file) {
			return o.rules[i].owners
		}
	}
	return nil
}

func patternRegexp(pat string) (*regexp.Regexp, error) {
	if strings.HasPrefix(pat, "!") || strings.Contains(pat, "[") {
		return nil, fmt.Errorf("GitHub does not support %q in CODEOWNERS", pat[:1])
	}
	anchored := strings.Contains(strings.TrimSuffix(pat, "/"), "/")
	dirOnly := strings.HasSuffix(pat, "/")
	pat = strings.Trim(pat, "/")
	var b strings.Builder
	b.WriteString("^")
	if !anchored {
		b.WriteString("(?:.*/)?")
	}
	for i := 0; i < len(pat); i++ {
		switch c := pat[i]; {
		case strings.HasPrefix(pat[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(pat[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	switch {
	case dirOnly:
		b.WriteString("/.*")
	case strings.HasSuffix(pat, "/*"):
		// "docs/*" owns docs' own files, not those of its sub-folders.
	default:
		b.WriteString("(?:/.*)?")
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}
