package generator

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
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
	for _, folder := range slices.Sorted(maps.Keys(langs)) {
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

// translationFile matches a translation's file name: <name>.<language tag>.md, the language
// written in lower case.
var translationFile = regexp.MustCompile(`^(.+)\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.(?i:md)$`)

// translationOf returns the original of a page file named <name>.<tag>.md, and the tag, when
// <name>.md is a page of the site and the tag is a language other than the site's: an ISO 639-1
// language (fr, pt-BR), or any that [languages] names. ("notes.old.md" beside "notes.md" is no
// translation: "old" is a language code, but a rare one, and the file name says otherwise; nor
// is "design.ui.md": "ui" is no language.)
func translationOf(file, siteLang string, known map[string]string, isPage func(string) bool) (string, string) {
	m := translationFile.FindStringSubmatch(file)
	if m == nil || strings.EqualFold(m[2], siteLang) {
		return "", ""
	}
	primary, _, _ := strings.Cut(m[2], "-")
	if !iso639_1[primary] && !slices.Contains(slices.Collect(maps.Values(known)), m[2]) {
		return "", ""
	}
	if orig := m[1] + ".md"; isPage(orig) {
		return orig, m[2]
	}
	return "", ""
}

// setLanguages fills every page's Language, and TranslationOf for translations.
func (b *build) setLanguages() {
	isPage := func(f string) bool { _, ok := b.site.ByFile[f]; return ok }
	for _, p := range b.site.Pages {
		orig, tag := translationOf(p.File, b.cfg.Language, b.cfg.Languages, isPage)
		p.TranslationOf = orig
		if p.Lang != "" { // the front matter's lang, when the page names one, wins over its file name
			tag = p.Lang
		}
		p.Language = pageLanguage(p.File, tag, b.cfg.Languages)
	}
}

// iso639_1 are the two-letter language codes of ISO 639-1.
var iso639_1 = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(`aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch
		co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he
		hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv
		kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny
		oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su
		sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu`) {
		m[c] = true
	}
	return m
}()
