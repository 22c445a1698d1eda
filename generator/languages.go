package generator

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/cmplay/cmplay/playbooks"
)

// langTag is the shape of a BCP 47 language tag as pages use them: a language, then subtags
// for script, region or variant ("ar", "pt-BR", "zh-Hant-TW", "pa-Arab").
var langTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// folderLanguages checks [languages] of cmplay.toml: each key a folder below the content folder,
// each value a language tag. Entries that are not are reported at their line and left out.
func folderLanguages(file string, data []byte, langs map[string]string) (map[string]string, playbooks.Diagnostics) {
	if len(langs) == 0 {
		return nil, nil
	}
	out := map[string]string{}
	var diags playbooks.Diagnostics
	for _, folder := range sortedKeys(langs) {
		tag := langs[folder]
		clean := strings.Trim(path.Clean("/"+strings.ReplaceAll(folder, "\\", "/")), "/")
		switch {
		case !langTag.MatchString(tag):
			diags = append(diags, playbooks.Diagnostic{File: file, Line: keyLine(data, folder), Col: 1, Severity: playbooks.Warning, Rule: "config",
				Msg: fmt.Sprintf("[languages] %q = %q is not a language tag; the folder keeps the site's language", folder, tag),
				Fix: `write a BCP 47 tag such as "ar", "de" or "pt-BR"`})
		default:
			out[clean] = tag
		}
	}
	return out, diags
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// pageLanguage is the language of a page: its own (front matter lang), else that of the deepest
// folder [languages] names that holds it, else "" (the site's).
func pageLanguage(file, own string, folders map[string]string) string {
	if own != "" && langTag.MatchString(own) {
		return own
	}
	for dir := path.Dir(file); ; dir = path.Dir(dir) {
		if dir == "." {
			dir = ""
		}
		if tag, ok := folders[dir]; ok {
			return tag
		}
		if dir == "" {
			return ""
		}
	}
}

// setLanguages fills every page's Language.
func (b *build) setLanguages() {
	for _, p := range b.site.Pages {
		p.Language = pageLanguage(p.File, "", b.cfg.Languages)
	}
}
