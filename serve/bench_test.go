package serve_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/cmplay/cmplay/generator"
	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/internal/corpus"
	"github.com/cmplay/cmplay/serve"
)

// BenchmarkSaveToReload measures, on real files with the real watcher and a real event stream,
// the time from saving a page to the open page being told to reload, beside a full build of the
// same site in the same run. ms/save includes the 100 ms debounce; ms/rebuild is the time from
// the end of the debounce to the reload event, which the full build is compared with. The steps
// deferred until after the reload (the search index) finish before the next save, as they do
// between two saves of a person; ms/<stage> are the stages of the build before the reload.
func BenchmarkSaveToReload(b *testing.B) {
	sizes := []int{1000, 5000}
	if testing.Short() {
		sizes = sizes[:1]
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			files := corpus.Files(n)
			l := startLive(b, files)
			full := fullBuild(b, l)
			events := l.subscribe()
			var save, rebuild time.Duration
			stages := map[string]time.Duration{}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				name := corpus.Path(i*37%n, n)
				files[name] += fmt.Sprintf("\nEdit %d, saved by the benchmark.\n", i)
				saved := time.Now()
				if err := os.WriteFile(l.path(name), []byte(files[name]), 0o644); err != nil {
					b.Fatal(err)
				}
				ev := events.wait(b, "reload")
				r := l.next()
				if r.err != nil || r.res.Diagnostics.Errors() > 0 {
					b.Fatalf("rebuild: %v %v", r.err, r.res.Diagnostics)
				}
				save += ev.at.Sub(saved)
				rebuild += ev.at.Sub(r.began)
				for _, st := range r.res.Stages {
					stages[st.Stage] += st.Duration
				}
				if r.update.Then != nil {
					// Saves come seconds apart: let the deferred steps finish before the next.
					b.StopTimer()
					<-l.finished
					b.StartTimer()
				}
			}
			b.StopTimer()
			perSave := float64(save.Microseconds()) / 1000 / float64(b.N)
			perRebuild := float64(rebuild.Microseconds()) / 1000 / float64(b.N)
			b.ReportMetric(perSave, "ms/save")
			b.ReportMetric(perRebuild, "ms/rebuild")
			b.ReportMetric(float64(full.Microseconds())/1000, "ms/full-build")
			b.ReportMetric(float64(full.Microseconds())/1000/perRebuild, "full/rebuild")
			for name, d := range stages {
				b.ReportMetric(float64(d.Microseconds())/1000/float64(b.N), "ms/"+name)
			}
		})
	}
}

// fullBuild times a complete build of the live site into memory, as serve's first build does.
func fullBuild(b *testing.B, l *live) time.Duration {
	var best time.Duration
	for i := 0; i < 3; i++ {
		start := time.Now()
		if _, err := generator.Build(generator.Config{Source: l.dir, BaseURL: l.url, Foot: serve.Script, Writer: output.NewMemory()}); err != nil {
			b.Fatal(err)
		}
		if d := time.Since(start); i == 0 || d < best {
			best = d
		}
	}
	return best
}
