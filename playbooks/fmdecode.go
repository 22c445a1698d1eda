package playbooks

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Front matter limits. A page's metadata is a few lines; these bound the work a hostile block can
// cause before any decoder sees it (a 100 KB TOML key of 50,000 dotted parts took over a minute
// and 1.8 GB to decode).
const (
	// MaxFrontMatterBytes is the largest front matter block decoded.
	MaxFrontMatterBytes = 64 << 10
	// MaxFrontMatterDepth is how deeply values may nest ([…], {…}, "- " items on one line) and
	// how many dotted parts a key may have.
	MaxFrontMatterDepth = 16
)

// checkFrontMatterLimits measures a block before it is decoded.
func checkFrontMatterLimits(file string, b Block, inner []byte) (Diagnostic, bool) {
	fail := func(line int, msg string) (Diagnostic, bool) {
		return Diagnostic{File: file, Line: line, Col: 1, Severity: Error, Rule: "front-matter",
			Msg: msg + "; the front matter is ignored", Fix: "keep front matter to a few plain keys"}, false
	}
	if len(b.Raw) > MaxFrontMatterBytes {
		return fail(b.StartLine, fmt.Sprintf("front matter is %d KB, over the limit of %d KB", len(b.Raw)>>10, MaxFrontMatterBytes>>10))
	}
	depth := 0
	for i, line := range strings.Split(string(inner), "\n") {
		n := b.StartLine + 1 + i
		lead := strings.TrimLeft(line, " \t-?")
		if items := strings.Count(line[:len(line)-len(lead)], "-") + strings.Count(line[:len(line)-len(lead)], "?"); items > MaxFrontMatterDepth {
			return fail(n, fmt.Sprintf("front matter nests lists more than %d deep", MaxFrontMatterDepth))
		}
		if b.Format == "toml" {
			key := line
			if !strings.HasPrefix(strings.TrimSpace(line), "[") {
				key, _, _ = strings.Cut(line, "=")
			}
			if parts := strings.Count(key, ".") + 1; parts > MaxFrontMatterDepth {
				return fail(n, fmt.Sprintf("front matter key has %d dotted parts, over the limit of %d", parts, MaxFrontMatterDepth))
			}
		}
		for _, c := range line {
			switch c {
			case '[', '{':
				if depth++; depth > MaxFrontMatterDepth {
					return fail(n, fmt.Sprintf("front matter values nest more than %d deep", MaxFrontMatterDepth))
				}
			case ']', '}':
				depth = max(0, depth-1)
			}
		}
	}
	return Diagnostic{}, true
}

var errLine = regexp.MustCompile(`line (\d+)`)

// syntaxError turns a decoder's error into a diagnostic at the line it names (counted from the
// first line inside the block).
func syntaxError(file string, b Block, line int, err error) Diagnostics {
	msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "yaml: "), "toml: ")
	if line == 0 {
		if m := errLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		msg = errLine.ReplaceAllString(msg, "")
	}
	msg = strings.Trim(strings.Join(strings.Fields(strings.ReplaceAll(msg, " :", ":")), " "), " :")
	msg = strings.ReplaceAll(msg, "errors: :", "errors:")
	return Diagnostics{{File: file, Line: b.StartLine + max(line, 1), Col: 1, Severity: Error, Rule: "front-matter",
		Msg: fmt.Sprintf("invalid %s front matter: %s", strings.ToUpper(b.Format), msg),
		Fix: "fix the syntax; quote values that contain a colon"}}
}

// decodeYAML decodes a YAML block with goccy/go-yaml, whose errors carry the exact line and
// column and which refuses a key written twice. Anchors and aliases are refused: front matter
// never needs them, and aliases are how a few lines of YAML expand to gigabytes.
func decodeYAML(file string, b Block, inner []byte) (map[string]any, map[string]int, Diagnostics) {
	f, err := parser.ParseBytes(inner, 0)
	if err != nil {
		var se *yaml.SyntaxError
		if errors.As(err, &se) && se.Token != nil {
			line := se.Token.Position.Line
			if strings.Contains(se.Message, "']'") || strings.Contains(se.Message, "'}'") {
				// The parser notices an unclosed [ or { where the next thing starts, often the
				// next key; the line to fix is the one that opened it.
				line = unclosedLine(inner, line, se.Token.Position.Column)
			}
			return nil, nil, syntaxError(file, b, line, errors.New(shiftPositions(se.Message, b.StartLine)))
		}
		return nil, nil, syntaxError(file, b, 0, err)
	}
	raw, lines := map[string]any{}, map[string]int{}
	var body ast.Node
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			body = doc.Body
			break
		}
	}
	if body == nil {
		return raw, lines, nil
	}
	for _, typ := range []ast.NodeType{ast.AnchorType, ast.AliasType} {
		if found := ast.Filter(typ, body); len(found) > 0 {
			return nil, nil, syntaxError(file, b, found[0].GetToken().Position.Line, errors.New("anchors and aliases (&name, *name) are not supported"))
		}
	}
	m, ok := body.(*ast.MappingNode)
	if !ok {
		return nil, nil, syntaxError(file, b, body.GetToken().Position.Line, errors.New("front matter must be key: value lines"))
	}
	for _, v := range m.Values {
		if k := v.Key.GetToken(); k != nil {
			lines[k.Value] = b.StartLine + k.Position.Line
		}
	}
	if err := yaml.NodeToValue(m, &raw); err != nil {
		return nil, nil, syntaxError(file, b, 0, err)
	}
	return raw, lines, nil
}

// unclosedLine is the line of the innermost [ or { still open before line:col (1-based) in
// src, skipping quoted text; line itself when none is.
func unclosedLine(src []byte, line, col int) int {
	var open []int
	l, c := 1, 1
	var quote byte
	for _, ch := range src {
		if l > line || l == line && c >= col {
			break
		}
		switch {
		case quote != 0:
			if ch == quote || ch == '\n' {
				quote = 0
			}
		case ch == '"' || ch == '\'':
			quote = ch
		case ch == '[' || ch == '{':
			open = append(open, l)
		case (ch == ']' || ch == '}') && len(open) > 0:
			open = open[:len(open)-1]
		}
		if ch == '\n' {
			l, c = l+1, 1
		} else {
			c++
		}
	}
	if len(open) == 0 {
		return line
	}
	return open[len(open)-1]
}

var innerPosition = regexp.MustCompile(`(?:at )?\[(\d+):(\d+)\]`)

// shiftPositions rewrites the decoder's "[line:col]" (counted inside the block) as file lines.
func shiftPositions(msg string, start int) string {
	return innerPosition.ReplaceAllStringFunc(msg, func(m string) string {
		sub := innerPosition.FindStringSubmatch(m)
		n, _ := strconv.Atoi(sub[1])
		return "on line " + strconv.Itoa(start+n)
	})
}

func decodeTOML(file string, b Block, inner []byte) (map[string]any, Diagnostics) {
	raw := map[string]any{}
	if _, err := toml.Decode(string(inner), &raw); err != nil {
		var pe toml.ParseError
		line := 0
		if errors.As(err, &pe) {
			line = pe.Position.Line
			err = errors.New(pe.Message)
		}
		return nil, syntaxError(file, b, line, err)
	}
	return raw, nil
}

// MaxYAMLBytes is the largest YAML settings file of another tool (mkdocs.yml, _config.yml,
// .gitbook.yaml) that UnmarshalYAML decodes.
const MaxYAMLBytes = 1 << 20

// UnmarshalYAML decodes the YAML of another tool's settings file into v under the front
// matter's safety rules: at most MaxYAMLBytes, and no anchors or aliases, which let a few lines
// expand to gigabytes. Tags it does not know (mkdocs.yml's !!python/name:…) are decoded as their
// plain values.
func UnmarshalYAML(data []byte, v any) error {
	if len(data) > MaxYAMLBytes {
		return fmt.Errorf("%d KB, over the limit of %d KB", len(data)>>10, MaxYAMLBytes>>10)
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return err
	}
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		for _, typ := range []ast.NodeType{ast.AnchorType, ast.AliasType} {
			if found := ast.Filter(typ, doc.Body); len(found) > 0 {
				return fmt.Errorf("line %d: anchors and aliases (&name, *name) are not supported", found[0].GetToken().Position.Line)
			}
		}
	}
	return yaml.Unmarshal(data, v)
}
