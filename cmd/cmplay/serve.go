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
	"strconv"
	"syscall"
	"time"

	"github.com/cmplay/cmplay/generator"
	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/generator/serve"
)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", "serve [--source DIR] [--port 1313] [--bind 127.0.0.1]", stderr)
	var sf siteFlags
	sf.register(fs)
	port := fs.Int("port", 1313, "`port` to listen on (0 picks a free one)")
	bind := fs.String("bind", "127.0.0.1", "`address` to listen on; 0.0.0.0 shares the preview on your network")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	cfg, cfgDiags, ok := sf.config(stderr)
	if !ok {
		return 1
	}
	printDiags(stderr, cfgDiags)
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintf(stderr, "cmplay: cannot listen on %s:%d: %v (is another server using the port? try --port 0)\n", *bind, *port, err)
		return 1
	}
	addr := ln.Addr().(*net.TCPAddr)
	// Serve under the configured sub-path, on this machine's address.
	_, basePath, err := generator.BasePath(cfg.BaseURL)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "cmplay: %v\n", err)
		return 2
	}
	cfg.BaseURL = fmt.Sprintf("http://%s%s", net.JoinHostPort(displayHost(*bind), strconv.Itoa(addr.Port)), basePath)
	mem := output.NewMemory()
	cfg.Writer = mem
	res, err := generator.Build(cfg)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "cmplay: build failed: %v\n", err)
		return 1
	}
	printDiags(stderr, res.Diagnostics)
	fmt.Fprintln(stdout, res.Summary())
	h := serve.NewHandler(basePath)
	h.Swap(mem)
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "serving on http://%s%s (Ctrl-C to stop)\n", net.JoinHostPort(displayHost(*bind), strconv.Itoa(addr.Port)), basePath)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		srv.Shutdown(shut)
		fmt.Fprintln(stdout, "stopped")
		return 0
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return 0
		}
		fmt.Fprintf(stderr, "cmplay: %v\n", err)
		return 1
	}
}

func displayHost(bind string) string {
	if bind == "0.0.0.0" || bind == "" || bind == "::" {
		return "localhost"
	}
	return bind
}
