package generator

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/playbooks"
)

// Config is everything a build needs. The command line fills it from flags and LoadConfig from
// the site's cmplay.toml; no stage reads anything that is not in it.
type Config struct {
	Source  string // the site folder (holds cmplay.toml, content/, themes/)
	Out     string // output folder; default <Source>/public
	BaseURL string // where the site is published; default "/"
	Drafts  bool   // build pages marked draft

	Title      string // site title
	Language   string // html lang; default "en"
	RepoURL    string // repository on GitHub or GitLab, for edit and commit links
	Branch     string // branch edit links point at; default "main"
	Theme      string // theme folder under themes/; default "default"
	ContentDir string // content folder below Source; default "content"
	UnsafeHTML bool   // render raw HTML in Markdown
	// Languages are the languages of folders, from [languages] in cmplay.toml: a folder below the
	// content folder → a BCP 47 tag ("ar", "pt-BR"). A page's own lang wins over its folder's.
	Languages map[string]string
	// Ignore are globs of content paths not published (`ignore` in cmplay.toml); Include names
	// the dot folders whose files are published (nil: DefaultInclude), which are skipped
	// otherwise. The content folder's .gitignore files are honoured too.
	Ignore, Include []string
	// Checklists, when not nil, are globs of the pages whose task lists are checklists a reader
	// ticks; other pages' task lists stay plain GitHub checkboxes.
	Checklists []string
	// FrontMatter says what to do with front matter keys cmplay does not know: accept them
	// silently or read them as a known key ([frontmatter] in cmplay.toml).
	FrontMatter playbooks.KeyPolicy
	// Synonyms are the search's synonyms, from [search.synonyms] in cmplay.toml: a word a reader
	// may type → the words or phrases the site uses for it.
	Synonyms map[string][]string

	// HistoryCacheDir is the folder where the walk of the content's git history is kept between
	// builds, so a build reads only the commits made since the last one. Empty means no cache:
	// every build walks the whole history. The command line sets the user's cache folder
	// (os.UserCacheDir()/cmplay/history); tests leave it empty or use a temporary folder.
	HistoryCacheDir string

	// SkipUnchanged lets a build that finds every input as it was for the build in the output
	// folder leave that folder as it is (see uptodate.go). The command line sets it unless
	// --force is given; a Session never skips. RecordDir is where builds record their inputs'
	// fingerprint and result for that (the command line: os.UserCacheDir()/cmplay/builds);
	// without it nothing is skipped.
	SkipUnchanged bool
	RecordDir     string

	// Writer, when set, receives the output instead of the output folder (cmplay serve).
	Writer output.Writer
	// Waiting, when set, is told when the build waits for another build writing to the same
	// output folder (one build at a time per folder; see package output).
	Waiting io.Writer
	// Head and Foot are added to every page (the live-reload script under serve).
	Head, Foot template.HTML
}

// DefaultInclude are the dot folders published when cmplay.toml names none: GitBook keeps every
// image a page shows in .gitbook/assets, and no other tool writes a folder of that name.
var DefaultInclude = []string{".gitbook"}

// File is the name of the site configuration file.
const File = "cmplay.toml"

type fileConfig struct {
	Title       string            `toml:"title"`
	BaseURL     string            `toml:"base_url"`
	RepoURL     string            `toml:"repo_url"`
	Branch      string            `toml:"repo_branch"`
	Theme       string            `toml:"theme"`
	Language    string            `toml:"language"`
	ContentDir  string            `toml:"content_dir"`
	UnsafeHTML  bool              `toml:"unsafe_html"`
	Languages   map[string]string `toml:"languages"`
	Ignore      []string          `toml:"ignore"`
	Include     *[]string         `toml:"include"`
	Checklists  *[]string         `toml:"checklists"`
	FrontMatter struct {
		Accept []string          `toml:"accept"`
		Map    map[string]string `toml:"map"`
	} `toml:"frontmatter"`
	Search struct {
		Synonyms map[string][]string `toml:"synonyms"`
	} `toml:"search"`
}

// ConfigKeys are the keys cmplay.toml understands.
var ConfigKeys = []string{"title", "base_url", "repo_url", "repo_branch", "theme", "language", "content_dir", "unsafe_html", "languages", "search",
	"ignore", "include", "checklists", "frontmatter"}

// LoadConfig reads <source>/cmplay.toml, if there is one, into a Config for that site. Problems
// are diagnostics naming the line; a config that cannot be read at all is an error.
func LoadConfig(source string) (Config, playbooks.Diagnostics, error) {
	cfg := Config{Source: source}
	name := filepath.Join(source, File)
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		cfg.Title = foreignTitle(source, "content")
		return cfg.withDefaults(), nil, nil
	}
	if err != nil {
		return cfg, nil, fmt.Errorf("config: %w", err)
	}
	var fc fileConfig
	md, err := toml.Decode(string(data), &fc)
	if err != nil {
		line := 0
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line = pe.Position.Line
		} else if m := tomlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1]) // a type error names its line only in the message
		}
		return cfg, playbooks.Diagnostics{{File: name, Line: line, Col: 1, Severity: playbooks.Error, Rule: "config",
			Msg: "invalid cmplay.toml: " + strings.TrimPrefix(err.Error(), "toml: ")}}, fmt.Errorf("config: %s is not valid TOML", name)
	}
	var diags playbooks.Diagnostics
	for _, k := range md.Undecoded() {
		key := k.String()
		diags = append(diags, playbooks.Diagnostic{File: name, Line: keyLine(data, k[len(k)-1]), Col: 1, Severity: playbooks.Warning,
			Rule: "config", Msg: fmt.Sprintf("unknown key %q in cmplay.toml", key), Fix: "remove it" + playbooks.Suggest(key, ConfigKeys)})
	}
	if _, _, _, err := basePath(fc.BaseURL); err != nil {
		diags = append(diags, playbooks.Diagnostic{File: name, Line: keyLine(data, "base_url"), Col: 1, Severity: playbooks.Error,
			Rule: "config", Msg: strings.TrimPrefix(err.Error(), "config: "), Fix: "write e.g. https://intranet.example/playbook/ or /playbook/"})
		return cfg, diags, fmt.Errorf("config: %s: base_url is not usable", name)
	}
	if err := CheckLinkURL(fc.RepoURL); err != nil {
		diags = append(diags, playbooks.Diagnostic{File: name, Line: keyLine(data, "repo_url"), Col: 1, Severity: playbooks.Error,
			Rule: "config", Msg: fmt.Sprintf("repo_url %q: %v; edit and commit links are left out", fc.RepoURL, err),
			Fix: "write the repository's https:// address, e.g. https://github.com/acme/playbook"})
		fc.RepoURL = ""
	}
	sort.SliceStable(diags, func(i, j int) bool { return diags[i].Line < diags[j].Line })
	cfg.Title, cfg.BaseURL, cfg.RepoURL, cfg.Branch = fc.Title, fc.BaseURL, fc.RepoURL, fc.Branch
	cfg.Theme, cfg.Language, cfg.ContentDir, cfg.UnsafeHTML = fc.Theme, fc.Language, fc.ContentDir, fc.UnsafeHTML
	if cfg.Title == "" {
		cfg.Title = foreignTitle(source, cfg.ContentDir)
	}
	cfg.Synonyms = fc.Search.Synonyms
	diags = append(diags, synonymDiags(name, data, cfg.Synonyms)...)
	var ld playbooks.Diagnostics
	cfg.Languages, ld = folderLanguages(name, data, fc.Languages)
	diags = append(diags, ld...)
	diags = append(diags, publishConfig(&cfg, fc, name, data)...)
	return cfg.withDefaults(), diags, nil
}

// CheckLinkURL accepts a URL from the configuration that the theme will put in a link: empty, or
// an absolute http:// or https:// URL with a host. Anything else — javascript:, data:, a relative
// path — could run script or lead nowhere once a page or the theme's script uses it as an href.
func CheckLinkURL(s string) error {
	if s == "" {
		return nil
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return errors.New("contains control characters")
	}
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return errors.New("only http:// and https:// addresses are allowed")
	}
	return nil
}

var tomlLine = regexp.MustCompile(`line (\d+)`)

func keyLine(data []byte, key string) int {
	re := regexp.MustCompile(`^\s*["']?` + regexp.QuoteMeta(key) + `["']?\s*=`)
	for i, l := range strings.Split(string(data), "\n") {
		if re.MatchString(l) {
			return i + 1
		}
	}
	return 0
}

func (c Config) withDefaults() Config {
	if c.Source == "" {
		c.Source = "."
	}
	if c.Title == "" {
		c.Title = "Community Playbook"
	}
	if c.Language == "" {
		c.Language = "en"
	}
	if c.Theme == "" {
		c.Theme = "default"
	}
	if c.ContentDir == "" {
		c.ContentDir = "content"
	}
	if c.Branch == "" {
		c.Branch = "main"
	}
	if c.BaseURL == "" {
		c.BaseURL = "/"
	}
	if c.Include == nil {
		c.Include = DefaultInclude
	}
	return c
}

// BasePath returns the path part of a base URL ("/" or "/playbook/") and whether it is valid.
func BasePath(base string) (string, string, error) {
	_, p, _, err := basePath(base)
	return base, p, err
}

// basePath validates the base URL and returns it with a trailing slash, its path part, and
// whether links must spell out index.html (a file:// base).
func basePath(base string) (string, string, bool, error) {
	if base == "" {
		base = "/"
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", "", false, fmt.Errorf("config: base URL %q: %w", base, err)
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "file" {
		return "", "", false, fmt.Errorf("config: base URL %q: use http://, https://, file:// or a path starting with /", base)
	}
	if u.Scheme == "" && !strings.HasPrefix(u.Path, "/") {
		return "", "", false, fmt.Errorf("config: base URL %q must be absolute (https://…) or start with /", base)
	}
	p := u.Path
	if !strings.HasSuffix(p, "/") {
		p += "/"
		base = strings.TrimSuffix(base, u.RawQuery) + "/"
		if u.Scheme != "" {
			u.Path = p
			base = u.String()
		} else {
			base = p
		}
	}
	return base, p, u.Scheme == "file", nil
}
