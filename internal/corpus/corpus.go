// Package corpus writes a deterministic synthetic playbook for benchmarks: the same shape as
// ../shared/bench/gencorpus.py (front matter with kind, headings, paragraphs, a table, a relative
// .md link and an 8-item task list per page, 100 pages per folder), without git history.
package corpus

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

var words = strings.Fields("community member forum moderator advocate program practice escalate guideline brand product support " +
	"feedback event newsletter survey metric onboarding partner internal external social channel report " +
	"question answer respond approve access review policy owner weekly daily goal outcome trust")

var kinds = []string{"guideline", "practice", "program", "checklist", "role", "framework"}

// Files returns the n pages and the home page, by path below the site folder
// ("content/s03/page-00103.md" → its Markdown).
func Files(n int) map[string]string {
	rnd := rand.New(rand.NewSource(42))
	paths := make([]string, n)
	for i := range paths {
		paths[i] = strings.TrimPrefix(Path(i, n), "content/")
	}
	files := make(map[string]string, n+1)
	for i, p := range paths {
		files["content/"+p] = page(rnd, i, paths)
	}
	files["content/_index.md"] = "---\ntitle: Synthetic playbook\n---\n# Synthetic playbook\n\n" + para(rnd, 50) + "\n"
	return files
}

// Path is the file of page i of an n-page corpus, below the site folder.
func Path(i, n int) string {
	return fmt.Sprintf("content/s%02d/page-%05d.md", i%max(1, n/100), i)
}

// Write creates dir/content with n pages and returns the content folder.
func Write(dir string, n int) (string, error) {
	for name, data := range Files(n) {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, "content"), nil
}

func para(rnd *rand.Rand, k int) string {
	ws := make([]string, k)
	for i := range ws {
		ws[i] = words[rnd.Intn(len(words))]
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func page(rnd *rand.Rand, i int, paths []string) string {
	w := func() string { return words[rnd.Intn(len(words))] }
	rel, _ := filepath.Rel(filepath.Dir(paths[i]), paths[rnd.Intn(len(paths))])
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: \"Page %d %s %s\"\nkind: %s\nweight: %d\ntags: [%s, %s]\n---\n\n# Page %d\n\n%s\n\n",
		i, w(), w(), kinds[i%len(kinds)], i%50, w(), w(), i, para(rnd, 40))
	for h := 0; h < 3; h++ {
		fmt.Fprintf(&b, "## Section %d %s\n\n%s\n\n%s\n\nSee [related](%s) and **%s** `code`.\n\n", h, w(), para(rnd, 60), para(rnd, 30), filepath.ToSlash(rel), w())
	}
	b.WriteString("| a | b | c |\n|---|---|---|\n")
	for r := 0; r < 4; r++ {
		fmt.Fprintf(&b, "| %s | %s | %d |\n", w(), w(), i)
	}
	b.WriteString("\n## Checklist\n\n")
	for k := 0; k < 8; k++ {
		mark := " "
		if rnd.Float64() < .1 {
			mark = "x"
		}
		fmt.Fprintf(&b, "- [%s] %s\n", mark, para(rnd, 8))
	}
	return b.String()
}
