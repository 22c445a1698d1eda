package markdown

import (
	"path"
	"strings"

	"github.com/cmplay/cmplay/playbooks"
)

// translation is the URL of the translation of a link's target page into the language of the
// page p, when p is itself a translation (guide.fr.md links to roles.md: roles.fr.md, if there
// is one), so a reader stays in their language.
func translation(r Resolver, p *playbooks.Page, target string) (string, bool) {
	if p.TranslationOf == "" || p.Language == "" {
		return "", false
	}
	base := strings.TrimSuffix(target, path.Ext(target))
	if base == "" || strings.HasSuffix(base, "."+p.Language) {
		return "", false
	}
	return r.PageURL(base + "." + p.Language + ".md")
}
