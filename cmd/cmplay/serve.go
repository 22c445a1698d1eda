package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/cmplay/cmplay/generator"
	"github.com/cmplay/cmplay/serve"
	"github.com/spf13/pflag"
)

// serveCmd declares the flags of `cmplay serve`.
func serveCmd(fs *pflag.FlagSet) runFunc {
	var sf siteFlags
	sf.register(fs)
	port := fs.Int("port", 1313, "`port` to listen on (0 picks a free one)")
	bind := fs.String("bind", "127.0.0.1", "`address` to listen on; 0.0.0.0 shares the preview on your network")
	allow := fs.StringArray("allow-host", nil, "also answer to this host `name` (a DNS name pointing at this machine); repeat for more")
	poll := fs.Bool("poll", false, "poll for changes every second instead of using file system events (network drives, containers)")
	return func(_ []string, stdout, stderr io.Writer) int {
		return cmdServe(&sf, *port, *bind, *allow, *poll, stdout, stderr)
	}
}

func cmdServe(sf *siteFlags, port int, bind string, allow []string, poll bool, stdout, stderr io.Writer) int {
	cfg, cfgDiags, ok := sf.config(stderr)
	if !ok {
		return 1
	}
	printDiags(stderr, cfgDiags)
	ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
	if err != nil {
		fmt.Fprintf(stderr, "cmplay: cannot listen on %s:%d: %v (is another server using the port? try --port 0)\n", bind, port, err)
		return 1
	}
	addr := ln.Addr().(*net.TCPAddr)
	// Serve under the configured sub-path, on this machine's address.
	_, basePath, err := generator.BasePath(cfg.BaseURL)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "cmplay: %v\n", errText(err))
		return 2
	}
	origin := "http://" + net.JoinHostPort(displayHost(bind), strconv.Itoa(addr.Port))
	forServe := func(c generator.Config) generator.Config {
		c.BaseURL = origin + basePath
		c.Foot = serve.Script
		return c
	}
	sess := generator.NewSession(forServe(cfg))
	first, res, err := sess.LiveUpdate(nil)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "cmplay: build failed: %v\n", errText(err))
		return 1
	}
	printDiags(stderr, res.Diagnostics)
	fmt.Fprintln(stdout, res.Summary())
	live := serve.NewLive(basePath)
	defer live.Close()
	live.Hosts = serve.HostsFor(bind, allow...)
	live.Publish(first)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	w, err := watchSite(cfg, poll, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "cmplay: cannot watch the site, serving without live reload: %v\n", errText(err))
	} else {
		defer w.Close()
		go live.Run(ctx, w, func(changed []string) generator.Update {
			if c, ok := reconfigure(sf, changed, cfg, stderr); ok {
				cfg = c
				sess, changed = generator.NewSession(forServe(c)), nil
			}
			u, res, err := sess.LiveUpdate(changed)
			reportRebuild(stdout, stderr, res, err, sess.Stats(), changed)
			return u
		})
	}

	srv := &http.Server{Handler: live, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "serving on %s%s (Ctrl-C to stop)\n", origin, basePath)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		live.Close() // ends the event streams, which would otherwise hold Shutdown up
		shut, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		srv.Shutdown(shut)
		fmt.Fprintln(stdout, "stopped")
		return 0
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return 0
		}
		fmt.Fprintf(stderr, "cmplay: %v\n", errText(err))
		return 1
	}
}

// watchSite watches what a build of cfg reads: the content folder, the site's theme folder and
// cmplay.toml, leaving out the output folder.
func watchSite(cfg generator.Config, poll bool, stderr io.Writer) (*serve.Watcher, error) {
	out := cfg.Out
	if out == "" {
		out = filepath.Join(cfg.Source, "public")
	}
	opt := serve.WatchOptions{
		Dirs:  []string{filepath.Join(cfg.Source, cfg.ContentDir), filepath.Join(cfg.Source, "themes", cfg.Theme)},
		Files: []string{filepath.Join(cfg.Source, generator.File), filepath.Join(cfg.Source, "mkdocs.yml")},
		Skip:  []string{out, filepath.Join(cfg.Source, ".git")},
		// What a build reads although its name starts with ".": ignore rules, GitBook's
		// settings, the dot folders it publishes.
		Include: append([]string{".gitignore", ".gitbook.yaml"}, cfg.Include...),
		Log:     stderr,
	}
	if poll {
		opt.Poll = time.Second
	}
	return serve.Watch(opt)
}

// reconfigure reloads cmplay.toml when a change touched it. It returns the new configuration and
// true when the session must start over; a cmplay.toml that does not load keeps the old one.
func reconfigure(sf *siteFlags, changed []string, old generator.Config, stderr io.Writer) (generator.Config, bool) {
	file, _ := filepath.Abs(filepath.Join(sf.source, generator.File))
	touched := changed == nil
	for _, p := range changed {
		touched = touched || p == file
	}
	if !touched {
		return old, false
	}
	cfg, diags, ok := sf.config(stderr)
	printDiags(stderr, diags)
	if !ok {
		return old, false
	}
	cfg.Out = old.Out
	if cfg.ContentDir != old.ContentDir || cfg.Theme != old.Theme {
		fmt.Fprintln(stderr, "cmplay: content_dir or theme changed in cmplay.toml; restart cmplay to watch the new folders")
	}
	return cfg, true
}

// reportRebuild prints one line per rebuild, with the diagnostics above it.
func reportRebuild(stdout, stderr io.Writer, res *generator.Result, err error, st generator.Stats, changed []string) {
	if err != nil {
		fmt.Fprintf(stderr, "cmplay: rebuild failed, still serving the last good build: %v\n", errText(err))
		return
	}
	printDiags(stderr, res.Diagnostics)
	what := "everything"
	if changed != nil {
		what = strconv.Itoa(len(changed)) + " changed"
	}
	fmt.Fprintf(stdout, "rebuilt in %s (%s; %d pages rendered, %d laid out): %d errors, %d warnings\n",
		res.Duration.Round(100*time.Microsecond), what, st.Rendered, st.Templated, res.Diagnostics.Errors(), res.Diagnostics.Warnings())
}

// watchBuild is `cmplay build --watch`: it builds the output folder, then rebuilds it after every
// change, each time swapping the whole folder into place, until Ctrl-C.
func watchBuild(sf *siteFlags, cfg generator.Config, poll bool, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	sess := generator.NewSession(cfg)
	res, err := sess.Build(nil, nil)
	if err != nil {
		fmt.Fprintf(stderr, "cmplay: build failed, previous output left as it was: %v\n", errText(err))
		return 1
	}
	printDiags(stderr, res.Diagnostics)
	fmt.Fprintln(stdout, res.Summary())
	w, err := watchSite(cfg, poll, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "cmplay: cannot watch the site: %v\n", errText(err))
		return 1
	}
	defer w.Close()
	fmt.Fprintln(stdout, "watching for changes (Ctrl-C to stop)")
	for {
		select {
		case <-ctx.Done():
			fmt.Fprintln(stdout, "stopped")
			return 0
		case changed := <-w.Batches():
			if c, ok := reconfigure(sf, changed, cfg, stderr); ok {
				cfg = c
				sess, changed = generator.NewSession(c), nil
			}
			res, err := sess.Build(nil, changed)
			reportRebuild(stdout, stderr, res, err, sess.Stats(), changed)
		}
	}
}

func displayHost(bind string) string {
	if bind == "0.0.0.0" || bind == "" || bind == "::" {
		return "localhost"
	}
	return bind
}
