package generator

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/cmplay/cmplay/generator/internal/pages"
	"github.com/cmplay/cmplay/internal/glob"
	"github.com/cmplay/cmplay/playbooks"
)

// publishConfig takes from cmplay.toml what decides which files are published and how pages
// from other generators are read — ignore, include, checklists and [frontmatter] — reporting
// a glob that does not parse and a key mapped to a key cmplay does not know; what is wrong is
// left out, the rest applies.
func publishConfig(cfg *Config, fc fileConfig, name string, data []byte) playbooks.Diagnostics {
	var diags playbooks.Diagnostics
	bad := func(key, msg, fix string) {
		diags = append(diags, playbooks.Diagnostic{File: name, Line: keyLine(data, key), Col: 1, Severity: playbooks.Error,
			Rule: "config", Msg: msg, Fix: fix})
	}
	globs := func(key string, in []string) []string {
		out := []string{}
		for _, g := range in {
			if err := glob.Valid(g); err != nil {
				bad(key, fmt.Sprintf("%s: %q is not a glob: %v; it is left out", key, g, err), `write e.g. "drafts/**" or "**/*.tmp"`)
				continue
			}
			out = append(out, g)
		}
		return out
	}
	cfg.Ignore = globs("ignore", fc.Ignore)
	if fc.Checklists != nil {
		cfg.Checklists = globs("checklists", *fc.Checklists)
	}
	if fc.Include != nil {
		cfg.Include = []string{} // include = [] publishes no dot folder, not the default
	}
	for _, d := range deref(fc.Include) {
		if strings.Contains(strings.Trim(d, "/"), "/") || !strings.HasPrefix(d, ".") {
			bad("include", fmt.Sprintf("include: %q is not the name of a dot folder; it is left out", d), `name the folder, e.g. include = [".gitbook"]`)
			continue
		}
		cfg.Include = append(cfg.Include, strings.Trim(d, "/"))
	}
	cfg.FrontMatter.Accept = fc.FrontMatter.Accept
	for _, from := range slices.Sorted(maps.Keys(fc.FrontMatter.Map)) {
		to := fc.FrontMatter.Map[from]
		if !slices.Contains(playbooks.Keys, to) {
			bad(from, fmt.Sprintf("[frontmatter.map] %s = %q: %q is not a front matter key cmplay knows; the mapping is left out", from, to, to),
				"map it to one of the keys in docs/authoring.md"+playbooks.Suggest(to, playbooks.Keys))
			continue
		}
		if cfg.FrontMatter.Map == nil {
			cfg.FrontMatter.Map = map[string]string{}
		}
		cfg.FrontMatter.Map[from] = to
	}
	return diags
}

// parseOptions are the parse stage's options from the configuration. Unknown front matter keys
// are collected, not reported per page: the parse step reports each once (UnknownKeys).
func (b *build) parseOptions(drafts bool) pages.Options {
	keys := b.cfg.FrontMatter
	keys.Collect = true
	return pages.Options{Drafts: drafts, Keys: keys, Checklists: b.cfg.Checklists}
}

func deref(s *[]string) []string {
	if s == nil {
		return nil
	}
	return *s
}

// foreignTitle is the site's title as another tool's settings give it, for a site whose
// cmplay.toml names none: mkdocs.yml's site_name, the title of Jekyll's _config.yml, of Hugo's
// hugo.toml or of Hugo's and Zola's config.toml, beside cmplay.toml or in the content folder;
// "" when none does.
func foreignTitle(source, contentDir string) string {
	for _, dir := range []string{source, filepath.Join(source, contentDir)} {
		for _, f := range []struct{ name, key string }{{"mkdocs.yml", "site_name"}, {"_config.yml", "title"}, {"hugo.toml", "title"}, {"config.toml", "title"}} {
			data, err := os.ReadFile(filepath.Join(dir, f.name))
			if err != nil || len(data) > playbooks.MaxYAMLBytes {
				continue
			}
			if strings.HasSuffix(f.name, ".toml") {
				var c struct {
					Title string `toml:"title"`
				}
				if _, err := toml.Decode(string(data), &c); err == nil && strings.TrimSpace(c.Title) != "" {
					return strings.TrimSpace(c.Title)
				}
				continue
			}
			// Only the one top-level key is read: mkdocs.yml holds Python tags no decoder here reads.
			if t := topLevelScalar(data, f.key); t != "" {
				return t
			}
		}
	}
	return ""
}

// topLevelScalar is the plain or quoted value of a top-level "key: value" line of YAML.
func topLevelScalar(data []byte, key string) string {
	for _, l := range strings.Split(string(data), "\n") {
		v, ok := strings.CutPrefix(strings.TrimRight(l, "\r"), key+":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			return strings.TrimSpace(v[1 : len(v)-1])
		}
		v, _, _ = strings.Cut(v, " #")
		return strings.TrimSpace(v)
	}
	return ""
}
