// Command searchbytes measures, in headless Chromium, the bytes a first search query fetches
// on a built site from cmplay's own index (search/) and from Pagefind's (pagefind/), when both
// indexes are in the site folder. Each query runs on a freshly loaded page with an empty cache,
// and counts what is needed to show what the header box shows: for cmplay 5 pages of results
// (-limit), that is the manifest, dictionary
// chunks and page files; for Pagefind its script, WebAssembly, entry, index chunks, filters and
// the fragments of 8 results. bench/search-vs-pagefind.sh builds the sites and runs it.
//
// With -quality it also measures how well a first query ranks: cmplay's search ranks from the
// first tier of each word's postings when they cannot decide the ranking within its budget
// (generator/internal/search/tiers.go). For each query, the top 10 pages of results a first
// search gives are compared with those of the same search asked to be exact (every tier its
// ranking needs loaded, the same results as an index with no tiers).
//
//	go run ./bench/searchbytes -site /tmp/site "escalation" "community manager"
package main

import (
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

type fetched struct {
	Bytes, Files, Results float64
	Names                 []string
}

const cmplayJS = `(async () => {
	const box = document.getElementById("search-q");
	box.focus();
	if (!window.cmplaySearch) box.dispatchEvent(new FocusEvent("focus")); // a background tab gets no focus event
	const r = await window.cmplaySearch.search(%q, {limit: LIMIT});
	return {Results: r.results.length};
})()`

const pagefindJS = `(async () => {
	const pf = await import(new URL("pagefind/pagefind.js", location.href).href);
	const r = await pf.search(%q);
	await Promise.all(r.results.slice(0, 8).map(x => x.data()));
	return {Results: Math.min(8, r.results.length)};
})()`

// qualityJS runs a query as a first search and as an exact one, and compares the pages of
// their first 10 pages of results.
const qualityJS = `(async () => {
	const box = document.getElementById("search-q");
	box.focus();
	if (!window.cmplaySearch) box.dispatchEvent(new FocusEvent("focus"));
	const pages = (r) => r.results.filter(x => !x.sub).map(x => x.url.split("#")[0]);
	const first = await window.cmplaySearch.search(%[1]q, {limit: 10});
	const exact = await window.cmplaySearch.search(%[1]q, {limit: 10, exact: true});
	const a = pages(first), e = pages(exact);
	return {Common: a.filter(u => e.includes(u)).length, Want: e.length, Same: a.join(" ") === e.join(" "),
		Certain: first.exact, Tiers: first.tiers, ExactTiers: exact.tiers};
})()`

type agree struct {
	Common, Want, Tiers, ExactTiers int
	Same, Certain                   bool
}

// agreement prints, for each query, how many of the exact top 10 pages a first search finds,
// whether in the same order, and whether the first search knew it was exact.
func agreement(queries []string, run func(q string) agree) {
	w := tabwriter.NewWriter(os.Stdout, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "query\ttop-10 pages in common\tsame order\tcertain\ttier files\texact: tier files\t")
	var common, want, same, certain int
	for _, q := range queries {
		a := run(q)
		common, want = common+a.Common, want+a.Want
		if a.Same {
			same++
		}
		if a.Certain {
			certain++
		}
		fmt.Fprintf(w, "%s\t%d/%d\t%v\t%v\t%d\t%d\t\n", q, a.Common, a.Want, a.Same, a.Certain, a.Tiers, a.ExactTiers)
	}
	w.Flush()
	fmt.Printf("top-10 agreement: %.3f (%d of %d pages); same top 10 in the same order: %d of %d queries; certain: %d\n",
		float64(common)/float64(max(want, 1)), common, want, same, len(queries), certain)
}

func main() {
	site := flag.String("site", "", "built site folder holding search/ and pagefind/")
	compress := flag.Bool("gzip", true, "serve text files gzip-compressed, as static hosts do (Pagefind's files are compressed already)")
	verbose := flag.Bool("v", false, "list the files each query fetched")
	limit := flag.Int("limit", 5, "pages of results asked of cmplay's search (5, as the header box shows)")
	withPagefind := flag.Bool("pagefind", true, "also measure Pagefind's index (pagefind/ in the site folder); false measures cmplay's alone, as bench/scale.sh does")
	quality := flag.Bool("quality", false, "also compare each query's top 10 pages with those of an exact search (implies -pagefind=false)")
	flag.Parse()
	if *quality {
		*withPagefind = false
	}
	if *site == "" || flag.NArg() == 0 {
		log.Fatal("usage: searchbytes -site DIR QUERY...")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	var h http.Handler = http.FileServer(http.Dir(*site))
	if *compress {
		h = gzipText(h)
	}
	counter := &counter{next: h}
	go http.Serve(ln, counter)
	base := "http://" + ln.Addr().String() + "/"

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browsertest.Path()), chromedp.NoSandbox, chromedp.DisableGPU)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 10*time.Minute)
	defer cancelT()

	// Bytes are counted by the server as they go on the wire: Pagefind fetches from a web worker,
	// whose requests the page's resource timing does not see.
	measure := func(js, prefix string) fetched {
		var f fetched
		chromedp.Run(ctx, chromedp.Navigate("about:blank"))
		counter.reset(prefix)
		err := chromedp.Run(ctx,
			network.Enable(), network.SetCacheDisabled(true),
			chromedp.Navigate(base),
			chromedp.WaitReady("#search-q[role=combobox]"),
			chromedp.Evaluate(js, &f, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
		if err != nil {
			log.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
		f.Bytes, f.Files, f.Names = counter.total()
		return f
	}
	w := tabwriter.NewWriter(os.Stdout, 2, 8, 2, ' ', tabwriter.AlignRight)
	if !*withPagefind {
		cmplayOnly(w, flag.Args(), func(q string) fetched {
			return measure(fmt.Sprintf(strings.Replace(cmplayJS, "LIMIT", fmt.Sprint(*limit), 1), q), "/search/")
		}, *verbose)
		if *quality {
			agreement(flag.Args(), func(q string) agree {
				var a agree
				err := chromedp.Run(ctx, chromedp.Navigate(base), chromedp.WaitReady("#search-q[role=combobox]"),
					chromedp.Evaluate(fmt.Sprintf(qualityJS, q), &a, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
				if err != nil {
					log.Fatal(err)
				}
				return a
			})
		}
		return
	}
	fmt.Fprintln(w, "query\tcmplay KB\tfiles\tshown\tpagefind KB\tfiles\tshown\tcmplay/pagefind\t")
	var ratios []float64
	var sumC, sumP float64
	for _, q := range flag.Args() {
		c := measure(fmt.Sprintf(strings.Replace(cmplayJS, "LIMIT", fmt.Sprint(*limit), 1), q), "/search/")
		p := measure(fmt.Sprintf(pagefindJS, q), "/pagefind/")
		ratios = append(ratios, c.Bytes/p.Bytes)
		sumC += c.Bytes
		sumP += p.Bytes
		fmt.Fprintf(w, "%s\t%.1f\t%.0f\t%.0f\t%.1f\t%.0f\t%.0f\t%.2f\t\n", q, c.Bytes/1024, c.Files, c.Results, p.Bytes/1024, p.Files, p.Results, c.Bytes/p.Bytes)
		if *verbose {
			fmt.Fprintf(os.Stderr, "%s\n  cmplay: %v\n  pagefind: %v\n", q, c.Names, p.Names)
		}
	}
	sort.Float64s(ratios)
	fmt.Fprintf(w, "all\t%.1f\t\t\t%.1f\t\t\t%.2f\t\n", sumC/1024, sumP/1024, sumC/sumP)
	w.Flush()
	fmt.Printf("median ratio cmplay/pagefind: %.2f\n", ratios[len(ratios)/2])
}

// cmplayOnly prints the bytes each query fetches from cmplay's index alone, and the largest.
func cmplayOnly(w *tabwriter.Writer, queries []string, measure func(q string) fetched, verbose bool) {
	fmt.Fprintln(w, "query\tcmplay KB\tfiles\tshown\t")
	var most, mostPlain, sum float64
	for _, q := range queries {
		c := measure(q)
		most, sum = max(most, c.Bytes), sum+c.Bytes
		if !strings.Contains(" "+q, " -") {
			mostPlain = max(mostPlain, c.Bytes)
		}
		fmt.Fprintf(w, "%s\t%.1f\t%.0f\t%.0f\t\n", q, c.Bytes/1024, c.Files, c.Results)
		if verbose {
			fmt.Fprintf(os.Stderr, "%s\n  cmplay: %v\n", q, c.Names)
		}
	}
	fmt.Fprintf(w, "all\t%.1f\t\t\t\n", sum/1024)
	w.Flush()
	fmt.Printf("largest first query: %.1f KB\n", most/1024)
	// An excluded word's postings are loaded whole (a document it is in must go wherever it
	// ranks), so a query with an exclusion grows with the site; the others stay bounded.
	fmt.Printf("without exclusions, the largest: %.1f KB\n", mostPlain/1024)
}

// gzipText compresses scripts, pages, styles and JSON for clients that accept it.
func gzipText(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ext := path.Ext(r.URL.Path)
		text := ext == ".js" || ext == ".css" || ext == ".html" || ext == ".json" || strings.HasSuffix(r.URL.Path, "/")
		if !text || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			next.ServeHTTP(w, r)
			return
		}
		gz := gzip.NewWriter(w)
		defer gz.Close()
		w.Header().Set("Content-Encoding", "gzip")
		next.ServeHTTP(gzipWriter{w, gz}, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (g gzipWriter) WriteHeader(code int) {
	g.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}

func (g gzipWriter) Write(b []byte) (int, error) { return g.gz.Write(b) }

// counter counts the bytes and files served under one path prefix.
type counter struct {
	next   http.Handler
	mu     sync.Mutex
	prefix string
	bytes  float64
	names  []string
}

func (c *counter) reset(prefix string) {
	c.mu.Lock()
	c.prefix, c.bytes, c.names = prefix, 0, nil
	c.mu.Unlock()
}

func (c *counter) total() (float64, float64, []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes, float64(len(c.names)), c.names
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store") // every query starts cold, in the page and in workers
	c.mu.Lock()
	counted := strings.HasPrefix(r.URL.Path, c.prefix)
	if counted {
		c.names = append(c.names, r.URL.Path)
	}
	c.mu.Unlock()
	if !counted {
		c.next.ServeHTTP(w, r)
		return
	}
	c.next.ServeHTTP(countingWriter{w, c}, r)
}

type countingWriter struct {
	http.ResponseWriter
	c *counter
}

func (cw countingWriter) Write(b []byte) (int, error) {
	n, err := cw.ResponseWriter.Write(b)
	cw.c.mu.Lock()
	cw.c.bytes += float64(n)
	cw.c.mu.Unlock()
	return n, err
}
