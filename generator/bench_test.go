package generator

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/internal/corpus"
)

// BenchmarkBuild builds a generated playbook of 1,000 and 5,000 pages (headings, tables, links,
// task lists). The "memory" variants measure the pipeline alone; "disk" adds writing the output
// folder and swapping it in, as `cmplay build` does. Run:
//
//	go test ./generator -run XXX -bench Build -benchmem
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		dir := b.TempDir()
		if _, err := corpus.Write(dir, n); err != nil {
			b.Fatal(err)
		}
		out := filepath.Join(b.TempDir(), "public")
		for _, mode := range []string{"memory", "disk"} {
			b.Run(fmt.Sprintf("pages=%d/%s", n, mode), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					cfg := Config{Source: dir, Out: out}
					if mode == "memory" {
						cfg.Writer = output.NewMemory()
					}
					res, err := Build(cfg)
					if err != nil {
						b.Fatal(err)
					}
					if res.Pages != n+1 {
						b.Fatalf("built %d pages, want %d", res.Pages, n+1)
					}
				}
				b.ReportMetric(float64(n+1)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			})
		}
	}
}
