package playbooks

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// FrontMatter is the typed metadata at the top of a page. The zero value is a page of kind
// "page" with no title; see docs/authoring.md for what each field means to a reader.
type FrontMatter struct {
	Title    string
	Summary  string
	Kind     Kind
	Weight   int
	Roles    []string
	Tags     []string
	Owner    string
	ReviewBy time.Time
	Draft    bool
	Aliases  []string
	Cadence  Cadence
	// Responsibilities, Goals and Rules are what a role, a program and a guideline page lead
	// with (see Kind.Lead): short lines shown above the body.
	Responsibilities []string
	Goals            []string
	Rules            []string
	// Acknowledge asks readers to confirm they have read the page ("I have read this"), and to
	// confirm again after it changes.
	Acknowledge bool

	// The keys below come from other site generators, so a handbook kept for Jekyll, Hugo,
	// GitBook or MkDocs builds as it is (docs/authoring.md, "Coming from …").

	// Date is when the page was written (Jekyll, Hugo and Zola `date`).
	Date time.Time
	// Authors are the page's authors (`author` or `authors`).
	Authors []string
	// Lang is the page's language as a BCP 47 tag ("de", "ar"); "" means the site's.
	Lang string
	// NavTitle is the shorter title the sidebar shows (Hugo `linkTitle`, Docusaurus
	// `sidebar_label`); "" means Title.
	NavTitle string
	// Permalink is the page's URL as written in `permalink` or `path`, replacing the one its file
	// name gives; URLSlug replaces only the last segment (`slug`), or the whole URL when it
	// starts with "/".
	Permalink, URLSlug string
	// Checklist, when set to false, renders the page's task lists as plain GitHub checkboxes
	// instead of checklist items a reader ticks.
	Checklist *bool
	// Unknown lists, in order, the keys no rule knew, when the KeyPolicy collects them for one
	// site-wide report (see UnknownKeys); their lines are in KeyLines.
	Unknown []string

	// KeyLines records the line each key was written on, for diagnostics found later.
	KeyLines map[string]int
}

// Keys lists the front matter keys cmplay understands, in the order the docs present them.
var Keys = []string{"title", "summary", "kind", "weight", "roles", "tags", "owner", "review_by", "draft", "aliases", "cadence",
	"responsibilities", "goals", "rules", "acknowledge",
	"checklist", "date", "author", "authors", "lang", "description", "redirect_from", "permalink", "url", "path", "slug",
	"order", "nav_order", "sidebar_position", "linkTitle", "sidebar_label"}

// Block is the front matter block of a file as found by SplitFrontMatter.
type Block struct {
	Format    string // "yaml", "toml", or "" when the file has no front matter
	Raw       []byte // the block including both delimiter lines
	StartLine int    // line of the opening delimiter (1 unless nothing was found)
	EndLine   int    // line of the closing delimiter
}

var delimiters = map[string]string{"---": "yaml", "+++": "toml"}

// SplitFrontMatter finds the front matter block at the top of src and returns it with the body.
// The body has the block's bytes replaced by blank lines, so a line number in the body is the
// line number in the file. A UTF-8 byte order mark is dropped. A block that opens but never
// closes is reported and the whole file is kept as body.
func SplitFrontMatter(file string, src []byte) (Block, []byte, Diagnostics) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	format, ok := delimiters[strings.TrimRight(string(first), " \t\r")]
	if !ok {
		return Block{}, src, nil
	}
	delim := string(first[:3])
	offset := len(first) + 1
	line := 2
	for len(rest) > 0 || offset <= len(src) {
		l, next, found := bytes.Cut(rest, []byte("\n"))
		if strings.TrimRight(string(l), " \t\r") == delim {
			end := offset + len(l)
			body := make([]byte, len(src))
			copy(body, src)
			blank(body[:end])
			return Block{Format: format, Raw: src[:end], StartLine: 1, EndLine: line}, body, nil
		}
		if !found {
			break
		}
		offset += len(l) + 1
		rest = next
		line++
	}
	d := Diagnostic{File: file, Line: 1, Col: 1, Severity: Error, Rule: "front-matter",
		Msg: fmt.Sprintf("front matter opened with %q is never closed", delim),
		Fix: fmt.Sprintf("add a line %q after the last front matter key, or start the file with something other than %q", delim, delim)}
	return Block{}, src, Diagnostics{d}
}

// blank replaces every byte but newlines with spaces, keeping offsets and line numbers.
func blank(b []byte) {
	for i, c := range b {
		if c != '\n' {
			b[i] = ' '
		}
	}
}

// DecodeFrontMatter decodes a block found by SplitFrontMatter into typed fields. Every problem
// — invalid YAML or TOML, a key written twice, an unknown key, a value of the wrong type, an
// unknown kind, a bad date — becomes a diagnostic at the line of the offending key; fields that
// decode are kept, so the page can still be built as well as it can be. A block over the limits
// (MaxFrontMatterBytes, MaxFrontMatterDepth) is reported and not decoded at all.
func DecodeFrontMatter(file string, b Block) (FrontMatter, Diagnostics) {
	return KeyPolicy{}.Decode(file, b)
}

// Decode is DecodeFrontMatter under the policy.
func (kp KeyPolicy) Decode(file string, b Block) (FrontMatter, Diagnostics) {
	var fm FrontMatter
	if b.Format == "" {
		return fm, nil
	}
	inner := innerLines(b.Raw)
	if d, ok := checkFrontMatterLimits(file, b, inner); !ok {
		return fm, Diagnostics{d}
	}
	var raw map[string]any
	var lines map[string]int
	var diags Diagnostics
	if b.Format == "toml" {
		raw, diags = decodeTOML(file, b, inner)
	} else {
		raw, lines, diags = decodeYAML(file, b, inner)
	}
	if raw == nil {
		return fm, diags
	}
	d := decoder{file: file, block: b, lines: lines, diags: diags, policy: kp}
	d.decode(raw, &fm)
	return fm, d.diags
}

// innerLines is a block without its delimiter lines; its first line is the block's StartLine+1.
func innerLines(raw []byte) []byte {
	_, rest, _ := bytes.Cut(raw, []byte("\n"))
	if i := bytes.LastIndexByte(rest, '\n'); i >= 0 {
		return rest[:i+1]
	}
	return nil
}

type decoder struct {
	file   string
	block  Block
	lines  map[string]int // line of each top-level key, when the decoder knows it exactly
	diags  Diagnostics
	policy KeyPolicy
}

func (d *decoder) report(key string, sev Severity, rule, msg, fix string) {
	d.diags = append(d.diags, Diagnostic{File: d.file, Line: d.keyLine(key), Col: 1, Severity: sev, Rule: rule, Msg: msg, Fix: fix})
}

// keyLine finds the line a top-level key is written on, so diagnostics point at it.
func (d *decoder) keyLine(key string) int {
	if l, ok := d.lines[key]; ok {
		return l
	}
	raw := string(d.block.Raw)
	for i := 0; len(raw) > 0; i++ {
		line, rest, _ := strings.Cut(raw, "\n")
		raw = rest
		l := strings.TrimLeft(line, " \t")
		if d.block.Format == "toml" && (strings.HasPrefix(l, "["+key+"]") || strings.HasPrefix(l, "["+key+".") || strings.HasPrefix(l, "[["+key+"]]")) {
			return d.block.StartLine + i // a TOML table: [extra], [menu.main], [[authors]]
		}
		l = strings.TrimLeft(l, `"'`)
		if !strings.HasPrefix(l, key) {
			continue
		}
		l = strings.TrimLeft(strings.TrimLeft(l[len(key):], `"'`), " \t")
		if strings.HasPrefix(l, ":") || strings.HasPrefix(l, "=") {
			return d.block.StartLine + i
		}
	}
	return d.block.StartLine
}

func (d *decoder) decode(raw map[string]any, fm *FrontMatter) {
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fm.KeyLines = make(map[string]int, len(keys))
	for _, key := range keys {
		fm.KeyLines[key] = d.keyLine(key)
		v := raw[key]
		if slices.Contains(d.policy.Accept, key) {
			continue
		}
		name := key
		if to, ok := d.policy.Map[key]; ok {
			name = to
		}
		if to, ok := ForeignKeys[name]; ok {
			name = to
		}
		if name != key {
			_, remapped := d.policy.Map[name]
			if _, dup := raw[name]; dup && !remapped && name != "aliases" {
				continue // the key's own name wins over a key standing for it
			}
			if _, ok := fm.KeyLines[name]; !ok {
				fm.KeyLines[name] = fm.KeyLines[key]
			}
		}
		d.field(fm, key, name, v)
	}
	for _, key := range []string{"responsibilities", "goals", "rules"} {
		if _, ok := raw[key]; ok && fm.Kind.Lead() != key {
			d.report(key, Warning, "lead-kind", fmt.Sprintf("%s are shown only on %s pages; this page is a %s", key, leadKind(key), fm.Kind.Label()),
				fmt.Sprintf("set kind: %s, or move the lines into the body", leadKind(key)))
		}
	}
}

// leadKind is the kind whose pages lead with key.
func leadKind(key string) Kind {
	for _, k := range Kinds {
		if k.Lead() == key {
			return k
		}
	}
	return ""
}

// field decodes the value of key, which stands for the known key name, into fm.
func (d *decoder) field(fm *FrontMatter, key, name string, v any) {
	switch name {
	case "title":
		fm.Title = d.str(key, v)
	case "summary":
		fm.Summary = d.str(key, v)
	case "nav_title":
		fm.NavTitle = d.str(key, v)
	case "lang":
		fm.Lang = d.str(key, v)
	case "permalink", "path":
		fm.Permalink = d.str(key, v)
	case "slug":
		fm.URLSlug = d.str(key, v)
	case "date":
		fm.Date = d.date(key, v)
	case "author", "authors":
		fm.Authors = append(fm.Authors, d.people(key, v)...)
	case "checklist":
		b, ok := v.(bool)
		if !ok {
			d.report(key, Error, "front-matter", fmt.Sprintf("checklist must be true or false, not %v", v), "write checklist: false")
			return
		}
		fm.Checklist = &b
	case "owner":
		fm.Owner = d.str(key, v)
	case "kind":
		k := Kind(strings.ToLower(d.str(key, v)))
		if !k.Valid() {
			d.report(key, Error, "unknown-kind", fmt.Sprintf("unknown kind %q; the page is built as kind \"page\"", k),
				"use one of "+kindList()+Suggest(string(k), kindNames()))
			k = KindPage
		}
		fm.Kind = k
	case "cadence":
		c := Cadence(strings.ToLower(d.str(key, v)))
		if !c.Valid() {
			d.report(key, Error, "bad-cadence", fmt.Sprintf("unknown cadence %q", c), "use daily, weekly or monthly")
			c = CadenceNone
		}
		fm.Cadence = c
	case "weight":
		if f, ok := v.(float64); ok && key == "sidebar_position" {
			v = math.Round(f) // Docusaurus slots a page in between with 1.5
		}
		fm.Weight = d.integer(key, v)
	case "acknowledge":
		b, ok := v.(bool)
		if !ok {
			d.report(key, Error, "front-matter", fmt.Sprintf("acknowledge must be true or false, not %v", v), "write acknowledge: true")
		}
		fm.Acknowledge = b
	case "draft":
		b, ok := v.(bool)
		if !ok {
			d.report(key, Error, "front-matter", fmt.Sprintf("draft must be true or false, not %v", v), "write draft: true")
		}
		fm.Draft = b
	case "roles":
		fm.Roles = d.list(key, v)
	case "tags":
		fm.Tags = d.list(key, v)
	case "aliases":
		fm.Aliases = append(fm.Aliases, d.list(key, v)...)
	case "responsibilities":
		fm.Responsibilities = d.list(key, v)
	case "goals":
		fm.Goals = d.list(key, v)
	case "rules":
		fm.Rules = d.list(key, v)
	case "review_by":
		fm.ReviewBy = d.date(key, v)
	default:
		if d.policy.Collect {
			fm.Unknown = append(fm.Unknown, key)
			return
		}
		d.report(key, Warning, "unknown-key", fmt.Sprintf("unknown front matter key %q", key), UnknownKeyFix(key))
	}
}

// people reads `author` or `authors`: a name, a list of names, or (Docusaurus, Hugo themes) a
// table or list of tables with a "name".
func (d *decoder) people(key string, v any) []string {
	switch x := v.(type) {
	case map[string]any:
		if n, ok := x["name"].(string); ok && strings.TrimSpace(n) != "" {
			return []string{strings.TrimSpace(n)}
		}
		return nil
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, d.people(key, e)...)
		}
		return out
	}
	return d.list(key, v)
}

func (d *decoder) str(key string, v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case nil:
		return ""
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(x)
	}
	d.report(key, Error, "front-matter", fmt.Sprintf("%s must be text, not a %s", key, typeName(v)), "write it as a quoted string")
	return ""
}

func (d *decoder) integer(key string, v any) int {
	switch x := v.(type) {
	case int:
		return x
	case int64:
		return int(x)
	case uint64:
		if x <= math.MaxInt32 {
			return int(x)
		}
	case float64:
		if x == float64(int(x)) {
			return int(x)
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(x)); err == nil {
			return n
		}
	}
	d.report(key, Error, "front-matter", fmt.Sprintf("%s must be a whole number, not %v", key, v), "write e.g. "+key+": 10")
	return 0
}

func (d *decoder) list(key string, v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		if x = strings.TrimSpace(x); x == "" {
			return nil
		}
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s := d.str(key, e); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	d.report(key, Error, "front-matter", fmt.Sprintf("%s must be a list of text, not a %s", key, typeName(v)), "write e.g. "+key+": [a, b]")
	return nil
}

func (d *decoder) date(key string, v any) time.Time {
	switch x := v.(type) {
	case time.Time:
		return time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)
	case string:
		if t, err := ParseDate(x); err == nil {
			return t
		}
	}
	d.report(key, Error, "bad-date", fmt.Sprintf("%s is not a date: %v", key, v), "write the date as YYYY-MM-DD, e.g. 2027-03-31")
	return time.Time{}
}

// ParseDate reads a calendar date written as YYYY-MM-DD (a time of day, if any, is dropped).
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	// Besides the date alone, the forms Jekyll, Hugo and Zola write with a time of day.
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04 -0700", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD)", s)
}

func typeName(v any) string {
	switch v.(type) {
	case []any:
		return "list"
	case map[string]any, map[any]any:
		return "table"
	case bool:
		return "true/false value"
	}
	return fmt.Sprintf("%T", v)
}

func kindNames() []string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return names
}

func kindList() string { return strings.Join(kindNames(), ", ") }

// Suggest returns ` (did you mean "x"?)` for the closest known word within two edits, or "".
func Suggest(word string, known []string) string {
	best, bestDist := "", 3
	known = append([]string(nil), known...)
	sort.Strings(known)
	for _, k := range known {
		if d := EditDistance(strings.ToLower(word), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// EditDistance is the optimal string alignment distance of a and b: insertions, deletions,
// substitutions and swaps of neighbouring letters, each counting one.
func EditDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}
