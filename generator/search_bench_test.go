package generator

import (
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/generator/internal/search"
	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/internal/browsertest"
	"github.com/cmplay/cmplay/internal/corpus"
)

// writeZipfCorpus writes a playbook of n generated pages into src/content. Words are drawn
// from the shipped playbook's own vocabulary with a Zipf distribution, as in real text, so the
// index has the spread of common and rare words a real site has. It is deterministic.
func writeZipfCorpus(tb testing.TB, src string, n int) {
	tb.Helper()
	freq := map[string]int{}
	_ = fs.WalkDir(os.DirFS("../content"), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			data, _ := os.ReadFile(filepath.Join("../content", p))
			for _, w := range search.Words(string(data)) {
				freq[w]++
			}
		}
		return nil
	})
	vocab := make([]string, 0, len(freq))
	for w := range freq {
		vocab = append(vocab, w)
	}
	sort.Slice(vocab, func(i, j int) bool {
		if freq[vocab[i]] != freq[vocab[j]] {
			return freq[vocab[i]] > freq[vocab[j]]
		}
		return vocab[i] < vocab[j]
	})
	r := rand.New(rand.NewSource(42))
	z := rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1))
	words := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = vocab[z.Uint64()]
		}
		return strings.Join(ws, " ")
	}
	kinds := []string{"guideline", "practice", "program", "checklist", "role", "framework"}
	dir := filepath.Join(src, "content")
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write("_index.md", "---\ntitle: Generated playbook\n---\n"+words(40)+"\n")
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\nkind: %s\n---\n\n%s.\n\n", strings.ToUpper(words(1)[:1])+words(3)[1:], kinds[i%len(kinds)], words(40))
		for s := 0; s < 4; s++ {
			fmt.Fprintf(&b, "## %s\n\n%s.\n\n%s.\n\n", words(3), words(50), words(30))
		}
		b.WriteString("## Checklist\n\n")
		for k := 0; k < 6; k++ {
			fmt.Fprintf(&b, "- [ ] %s\n", words(8))
		}
		write(fmt.Sprintf("s%02d/page-%05d.md", i%50, i), b.String())
	}
}

// benchQueries mix common and rare words, two-word queries, a prefix being typed, a typo, a
// phrase and an exclusion.
var benchQueries = []string{"community", "escalation", "controversial", "community manager", "brand advocates",
	"escalat", "moderatoin", `"community manager"`, "survey -brand", "newsletter program members"}

// BenchmarkSearchBrowser measures, in Chromium, the bytes a first query loads on a fresh page
// and the time a query takes once the index files it needs are loaded, at 1,000 and 5,000
// generated pages. Run with -benchtime=1x; the figures are reported as metrics.
func BenchmarkSearchBrowser(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			src := b.TempDir()
			writeZipfCorpus(b, src, n)
			out := filepath.Join(b.TempDir(), "site")
			if _, err := Build(Config{Source: src, Out: out}); err != nil {
				b.Fatal(err)
			}
			ctx := browsertest.New(b)
			base := browsertest.Serve(b, out, "/")
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				var first []struct{ Bytes, Files, Ms float64 }
				for _, q := range benchQueries {
					var r struct{ Bytes, Files, Ms float64 }
					// A fresh page: focusing the header box loads the manifest, then the query
					// loads its chunks and the pages of the 5 pages of results the box shows.
					err := chromedp.Run(ctx, chromedp.Navigate(base),
						chromedp.WaitReady("#search-q[role=combobox]"),
						chromedp.Evaluate(fmt.Sprintf(`(async () => {
							performance.clearResourceTimings();
							const t0 = performance.now();
							const box = document.getElementById("search-q");
							box.focus();
							if (!window.cmplaySearch) box.dispatchEvent(new FocusEvent("focus")); // a background tab gets no focus event
							await window.cmplaySearch.search(%q, {limit: 5});
							const ms = performance.now() - t0;
							const rs = performance.getEntriesByType("resource").filter(e => e.name.includes("/search/"));
							return {Bytes: rs.reduce((a, e) => a + e.encodedBodySize, 0), Files: rs.length, Ms: ms};
						})()`, q), &r, awaitPromise))
					if err != nil {
						b.Fatal(err)
					}
					first = append(first, r)
				}
				var times []float64
				err := chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`(async () => {
					const qs = %s, out = [];
					for (const q of qs) await window.cmplaySearch.search(q, {limit: 5});
					for (let k = 0; k < 20; k++) for (const q of qs) {
						const t0 = performance.now();
						await window.cmplaySearch.search(q, {limit: 5});
						out.push(performance.now() - t0);
					}
					return out;
				})()`, jsList(benchQueries)), &times, awaitPromise))
				if err != nil {
					b.Fatal(err)
				}
				sort.Float64s(times)
				var bytes, files, coldMs []float64
				for _, f := range first {
					bytes, files, coldMs = append(bytes, f.Bytes), append(files, f.Files), append(coldMs, f.Ms)
				}
				sort.Float64s(bytes)
				sort.Float64s(coldMs)
				b.ReportMetric(times[len(times)/2], "ms-median")
				b.ReportMetric(times[len(times)*95/100], "ms-p95")
				b.ReportMetric(bytes[len(bytes)/2]/1024, "first-query-KB-median")
				b.ReportMetric(bytes[len(bytes)-1]/1024, "first-query-KB-max")
				b.ReportMetric(coldMs[len(coldMs)/2], "first-query-ms-median")
				total, pages := indexBytes(b, out)
				b.ReportMetric(float64(total)/float64(pages), "index-bytes/page")
			}
		})
	}
}

func jsList(qs []string) string {
	parts := make([]string, len(qs))
	for i, q := range qs {
		parts[i] = fmt.Sprintf("%q", q)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// indexBytes sums the size of the search files of a built site, with its number of pages.
func indexBytes(tb testing.TB, out string) (int64, int) {
	var total int64
	pages := 0
	_ = filepath.WalkDir(filepath.Join(out, "search"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if st, err := d.Info(); err == nil {
				total += st.Size()
			}
			if strings.HasPrefix(d.Name(), "p") {
				pages++
			}
		}
		return nil
	})
	return total, pages
}

// BenchmarkSearchIndexInBuild times the index stage on the pages of the generated playbook that
// BenchmarkBuild uses (1,000 and 5,000 pages), and reports it as a share of one whole in-memory
// build of the same site measured in the same run, with the index size per page.
func BenchmarkSearchIndexInBuild(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if _, err := corpus.Write(dir, n); err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			res, err := Build(Config{Source: dir, Writer: output.NewMemory()})
			if err != nil {
				b.Fatal(err)
			}
			build := time.Since(start)
			b.ResetTimer()
			var files map[string][]byte
			for i := 0; i < b.N; i++ {
				files = search.Build(search.Input{Pages: res.Site.Pages}).Files()
			}
			per := b.Elapsed() / time.Duration(b.N)
			total := 0
			for _, f := range files {
				total += len(f)
			}
			b.ReportMetric(float64(per)/float64(build), "share-of-build")
			b.ReportMetric(float64(total)/float64(len(res.Site.Pages)), "bytes/page")
		})
	}
}
