package generator

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/cmplay/cmplay/generator/internal/render"
)

// repoFile tells the markdown stage whether a link's target — a path below the content folder,
// "../" when above it — is a file or folder of the site's repository (the site folder), and its
// address on the forge when repo_url is set. Links to files a site does not publish (OWNERS,
// sigs.yaml, scripts, a folder above the content) then lead where they lead on GitHub.
func (b *build) repoFile(target string) (string, bool) {
	rel := path.Join(editBase(b.cfg.ContentDir), target)
	if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", false
	}
	if first, _, _ := strings.Cut(rel, "/"); first == ".git" {
		return "", false
	}
	fi, err := os.Stat(filepath.Join(b.cfg.Source, filepath.FromSlash(rel)))
	if err != nil || !fi.Mode().IsRegular() && !fi.IsDir() {
		return "", false
	}
	if b.cfg.RepoURL == "" {
		return "", true
	}
	return render.FileURL(b.cfg.RepoURL, b.cfg.Branch, rel, fi.IsDir()), true
}
