package generator

import (
	"fmt"
	"testing"

	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/internal/corpus"
)

// BenchmarkCheck checks a generated playbook of 1,000 and 5,000 pages, beside a full build of
// the same pages into memory, so the two compare as a ratio measured in one run:
//
//	go test ./generator -run XXX -bench Check -benchmem
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		dir := b.TempDir()
		if _, err := corpus.Write(dir, n); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("pages=%d/check", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				res, err := Check(Config{Source: dir}, CheckOptions{Today: today})
				if err != nil {
					b.Fatal(err)
				}
				if res.Pages != n+1 {
					b.Fatalf("checked %d pages, want %d", res.Pages, n+1)
				}
			}
			b.ReportMetric(float64(n+1)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
		b.Run(fmt.Sprintf("pages=%d/build", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Build(Config{Source: dir, Writer: output.NewMemory()}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n+1)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
