package markdown

import (
	"path"
	"strings"
)

// repoURL is the forge's address of a file of the repository, "" when there is none.
func (c *collector) repoURL(target string) string {
	if c.opt.RepoFile == nil {
		return ""
	}
	u, _ := c.opt.RepoFile(target)
	return u
}

// sourceExts are the kinds of file a handbook links to as part of its repository — code,
// scripts and configuration — which a forge shows with highlighting and history, where the
// site could only offer a download.
var sourceExts = map[string]bool{
	".py": true, ".sh": true, ".bash": true, ".go": true, ".rb": true, ".rs": true, ".java": true, ".kt": true,
	".c": true, ".h": true, ".cc": true, ".cpp": true, ".ts": true, ".mjs": true, ".cjs": true, ".php": true, ".pl": true,
	".yaml": true, ".yml": true, ".toml": true, ".ini": true, ".cfg": true, ".conf": true, ".mk": true, ".sql": true,
	".lock": true, ".mod": true, ".sum": true, ".gradle": true, ".tf": true, ".nix": true, ".ps1": true, ".bat": true,
}

// sourceFile reports whether a link target is such a file: one of sourceExts, or a file without
// an extension (OWNERS, Makefile, Dockerfile, LICENSE).
func sourceFile(target string) bool {
	name := path.Base(target)
	ext := strings.ToLower(path.Ext(name))
	return sourceExts[ext] || ext == "" && !strings.HasPrefix(name, ".")
}
