package main

import (
	"bufio"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web"
)

// The server runs in a process of its own so that the load generator's
// garbage does not slow the server's garbage collector, as it would in a
// shared heap. Two serve one park's database side by side: one warm, with
// its caches, and one cold, with its caches off (web's RenderEveryRequest:
// every request rendered as the first after a change is), so that a page's
// warm and cold slices take turns within a round. Both sign sessions with
// one key, so one sign-in serves both.
const (
	serveEnv      = "LOADBENCH_SERVE_DB"      // the database a child process serves
	sessionKeyEnv = "LOADBENCH_SESSION_KEY"   // its session key, in hex
	coldEnv       = "LOADBENCH_RENDER_ALWAYS" // "1": its caches off
)

// startServer starts this program again as the server over db and returns
// its base URL and a func that stops it (safe to call more than once). The
// child stops when its stdin closes, so it never outlives this process.
func startServer(ctx context.Context, db string, key []byte, cold bool, logw io.Writer) (string, func(), error) {
	exe, err := os.Executable()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), serveEnv+"="+db, sessionKeyEnv+"="+hex.EncodeToString(key))
	if cold {
		cmd.Env = append(cmd.Env, coldEnv+"=1")
	}
	cmd.Stderr = logw
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return "", nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := sync.OnceFunc(func() {
		stdin.Close()
		waitOrKill(cmd, 15*time.Second)
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening ")
	if err != nil || !ok {
		stop()
		return "", nil, fmt.Errorf("the server process did not start (%q, %v)", line, err)
	}
	return "http://" + addr, stop, nil
}

// waitOrKill waits for cmd, asked to stop, to end; after grace it kills it.
func waitOrKill(cmd *exec.Cmd, grace time.Duration) {
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(grace):
		cmd.Process.Kill()
		<-done
	}
}

// serve is the child process: the real portal over db on 127.0.0.1:0,
// until stdin closes.
func serve(ctx context.Context, db string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	key, err := hex.DecodeString(os.Getenv(sessionKeyEnv))
	if err != nil {
		return fmt.Errorf("session key: %w", err)
	}
	s, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	srv, err := web.New(web.Config{
		Store:      s,
		Logger:     slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		SessionKey: key,
		Site:       views.Site{Name: "园区党建工作平台", ParkName: "株洲高新区（天元区）", ParkBrand: "跟党一起创业"},
		// The filing measurement posts hundreds a second per secretary:
		// it measures the writer, not the per-account limit.
		WriteLimit: 1 << 30,
	})
	if err != nil {
		return err
	}
	if os.Getenv(coldEnv) == "1" {
		srv.RenderEveryRequest()
	}
	err = srv.ListenAndServe(ctx, "127.0.0.1:0", func(a net.Addr) { fmt.Printf("listening %s\n", a) })
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}
