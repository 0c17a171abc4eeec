// Package web is the portal's HTTP side: the Echo router, its middleware,
// sessions and one handler file per resource and action. It turns requests
// into calls on store and renders views.
package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"parkportal/store"
	"parkportal/views"
	"parkportal/web/sheet"
)

// Config is everything the web server needs from the outside.
type Config struct {
	Store      *store.Store
	Logger     *slog.Logger
	SessionKey []byte // signs the session cookie; at least 32 bytes
	Secure     bool   // served over https: cookies get the Secure flag
	// BehindProxy: the client address comes from X-Forwarded-For when the
	// request arrives from a loopback or private address (a reverse proxy on
	// the same host or network); otherwise the connection's address is used.
	BehindProxy bool
	Site        views.Site
	Now         func() time.Time // the clock, given to the store too; the store's when nil
	// Sheets reads uploaded spreadsheets in child processes; when nil, the
	// portal's own binary is started as the child (see sheet.ChildEnv).
	Sheets *sheet.Reader
	// PhotoQuota is how many bytes of photos one organisation may keep,
	// held ones included; store.DefaultPhotoQuota (2 GB) when 0.
	PhotoQuota int64
	// WriteLimit is how many filings, submissions and photos one account
	// may send a minute; DefaultWriteLimit when 0.
	WriteLimit int
}

// Server is the portal's web application.
type Server struct {
	echo     *echo.Echo
	store    *store.Store
	log      *slog.Logger
	sessions *sessionStore
	pages    *pageCache // rendered public pages (pagecache.go)
	parkDir  parkDirectory
	layouts  staffLayouts // cut layouts of cached staff pages (staff_layout.go)
	site     views.Site
	now      func() time.Time

	behindProxy bool   // forwarding headers are believed (Config.BehindProxy)
	secure      bool   // served over https (Config.Secure)
	csrfKey     []byte // signs CSRF tokens (csrf.go), derived from the session key

	sheets  *sheet.Reader                                    // reads uploads in a child process (web/sheet)
	uploads *uploadStore                                     // uploaded files between preview and confirm
	signIn  *signInGuard                                     // slows password guessing (throttle.go)
	sleep   func(ctx context.Context, d time.Duration) error // the guard's delays; tests replace it

	photoQuota      int64           // bytes of photos per organisation (Config.PhotoQuota)
	writes          writeLimiter    // filings and photos per account (write_limit.go)
	writeLimit      int             // its allowance a minute, for the page that refuses
	writeLimited    map[string]bool // the routes whose posts it counts (routes.go)
	photoSweepEvery time.Duration   // how often held photos past their time are swept (photo_sweep.go)
}

// New builds the server: middleware in one visible chain, then every route.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("web: no store")
	}
	if len(cfg.SessionKey) < 32 {
		return nil, errors.New("web: session key must be at least 32 bytes")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	// One clock for the server and its store: the server's when given
	// (tests set it), else the store's.
	if cfg.Now == nil {
		cfg.Now = cfg.Store.Now
	} else {
		cfg.Store.SetClock(cfg.Now)
	}
	if cfg.PhotoQuota <= 0 {
		cfg.PhotoQuota = store.DefaultPhotoQuota
	}
	if cfg.WriteLimit <= 0 {
		cfg.WriteLimit = DefaultWriteLimit
	}
	if cfg.Site.Name == "" {
		cfg.Site.Name = "园区党建工作平台"
	}
	if cfg.Sheets == nil {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("web: unable to find the portal's binary for reading spreadsheets: %w", err)
		}
		cfg.Sheets = sheet.NewReader(exe, 2)
	}
	s := &Server{
		echo:        echo.New(),
		store:       cfg.Store,
		log:         cfg.Logger,
		sessions:    newSessionStore(cfg.Store, cfg.SessionKey, cfg.Secure, cfg.Now),
		site:        cfg.Site,
		now:         cfg.Now,
		behindProxy: cfg.BehindProxy,
		secure:      cfg.Secure,
		csrfKey:     deriveKey(cfg.SessionKey, "csrf"),
		signIn:      newSignInGuard(cfg.Store, cfg.Now, cfg.Logger),
		sleep:       sleepContext,
		sheets:      cfg.Sheets,
		uploads:     newUploadStore(cfg.Store, cfg.Now),

		photoQuota:      cfg.PhotoQuota,
		writes:          newWriteLimiter(cfg.Store, cfg.WriteLimit),
		writeLimit:      cfg.WriteLimit,
		writeLimited:    map[string]bool{},
		photoSweepEvery: 10 * time.Minute,
	}
	e := s.echo
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	// The address matters for sign-in throttling: behind a proxy every client
	// would otherwise share the proxy's address and one could lock out all.
	e.IPExtractor = echo.ExtractIPDirect()
	if cfg.BehindProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	}

	// The middleware chain, outermost first. Nothing reads a body before
	// the request's session and role are known and allowed: loadViewer,
	// guardWrites and limitWrites look at the session cookie only; the
	// body limit depends on who posts where (body_limits.go), and only
	// then is the CSRF token read, a multipart form's without its files.
	// Before the router: the log, a panic's recovery and the headers, for
	// every answer; then the public site the address names (public_site.go),
	// whose prefix comes off the path before the routes are matched.
	e.Pre(
		s.requestLog,
		middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true, LogErrorFunc: s.logPanic}),
		s.secureHeaders,
		s.routeSite,
	)
	e.Use(
		// Level 1: pages rendered per request (signed in) are compressed as
		// they go, where speed matters more than the last bytes; public pages
		// and assets are precompressed at the best level instead.
		middleware.GzipWithConfig(middleware.GzipConfig{Level: 1, MinLength: 1024, Skipper: skipGzip}),
		s.loadViewer,
		s.scopePark,
		guardWrites,
		s.limitWrites, // a filing form's post past the account's limit: 429, its body unread
		limitBody,
		s.csrfProtect,
		readMultipart,
	)
	s.routes()
	s.sessions.revision = s.pages.revision // sessions known at a revision (session_store.go)
	return s, nil
}

// deriveKey makes a key for one purpose from the session key, so that no
// value signed for one use passes for another.
func deriveKey(key []byte, purpose string) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("parkportal/" + purpose))
	return mac.Sum(nil)
}

// Handler is the server as an http.Handler (tests use it directly). HEAD
// is routed as GET: net/http still holds the original HEAD request and so
// sends no body, and every page answers HEAD without a route of its own.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			r = r.Clone(r.Context())
			r.Method = http.MethodGet
		}
		s.echo.ServeHTTP(w, r)
	})
}

func (s *Server) logPanic(c echo.Context, err error, stack []byte) error {
	s.log.Error("panic", slog.String("path", c.Request().URL.Path), slog.Any("err", err), slog.String("stack", string(stack)))
	return err
}

// ListenAndServe serves on addr until ctx ends, then shuts down gracefully:
// it stops accepting, lets every accepted connection's request be read and
// answered, and waits up to 8 s for requests in flight (a service
// manager's stop waits 10 s before it kills). ready, when not nil,
// receives the bound address once the listener is open.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(net.Addr)) error {
	var unread newConns
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		ConnState:         unread.track,
	}
	// Photos that waited past their time for a filing go before serving,
	// then every photoSweepEvery.
	s.sweepPhotos(ctx)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("web: unable to listen on %s: %w", addr, err)
	}
	if ready != nil {
		ready(ln.Addr())
	}
	sweepCtx, stopSweep := context.WithCancel(context.Background())
	defer stopSweep()
	go sweepSessions(sweepCtx, s.store, 10*time.Minute, s.now, func(err error) {
		s.log.Warn("session sweep", slog.Any("err", err))
	})
	go s.sweepPhotosEvery(sweepCtx, s.photoSweepEvery)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 8*time.Second)
	defer cancel()
	// Stop accepting first, and let the connections already accepted read
	// their first request before Shutdown: net/http drops, unanswered, a
	// request it reads once shutting down, and a client that had just
	// connected would see its request fail.
	ln.Close()
	<-errc // Serve has returned: every accepted connection is tracked
	unread.wait(shutdownCtx)
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	return nil
}

// newConns counts the connections accepted whose first request has not
// been read yet.
type newConns struct {
	mu  sync.Mutex
	new map[net.Conn]bool
}

func (n *newConns) track(c net.Conn, state http.ConnState) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if state == http.StateNew {
		if n.new == nil {
			n.new = map[net.Conn]bool{}
		}
		n.new[c] = true
	} else {
		delete(n.new, c)
	}
}

// wait returns once no accepted connection waits to be read, or after the
// header timeout (a client that connects and sends nothing is not waited
// for longer), or when ctx ends.
func (n *newConns) wait(ctx context.Context) {
	deadline := time.Now().Add(5 * time.Second) // monotonic: a real wait, whatever the portal's clock says
	for time.Now().Before(deadline) && ctx.Err() == nil {
		n.mu.Lock()
		left := len(n.new)
		n.mu.Unlock()
		if left == 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}
