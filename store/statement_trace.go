package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"

	"modernc.org/sqlite"
)

// Option changes how Open opens a store.
type Option func(*openOptions)

type openOptions struct {
	observe func(query string, args []any)
	outbox  bool // WithOutbox (outbox.go)
}

// WithStatementObserver has the store tell fn every SQL statement it runs
// on its reader and writer connections, with the statement's arguments,
// before it runs. The query-plan test uses it to ask SQLite how each
// statement a page runs is planned. Without it the connections are the
// driver's own: nothing is wrapped, so nothing is paid.
func WithStatementObserver(fn func(query string, args []any)) Option {
	return func(o *openOptions) { o.observe = fn }
}

// openDB opens a handle on dsn, its connections observed when observe is
// set.
func openDB(dsn string, observe func(string, []any)) (*sql.DB, error) {
	base, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	if observe == nil {
		return sql.OpenDB(base), nil
	}
	return sql.OpenDB(observedConnector{base, observe}), nil
}

// observedConnector hands out connections that tell observe their
// statements. It forwards every optional interface the driver's
// connections have (see sqlite.NewConnector), so that an observed store
// behaves as an unobserved one.
type observedConnector struct {
	driver.Connector
	observe func(string, []any)
}

func (c observedConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &observedConn{conn, c.observe}, nil
}

type observedConn struct {
	driver.Conn
	observe func(string, []any)
}

var errNotForwarded = errors.New("store: the driver's connection lacks an interface the observer forwards")

func valuesOf(args []driver.NamedValue) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = a.Value
	}
	return out
}

// Unwrap is the driver's connection (sqlite.Limit looks for it).
func (c *observedConn) Unwrap() driver.Conn { return c.Conn }

func (c *observedConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := c.Conn.(driver.QueryerContext)
	if !ok {
		return nil, errNotForwarded
	}
	c.observe(query, valuesOf(args))
	return q.QueryContext(ctx, query, args)
}

func (c *observedConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := c.Conn.(driver.ExecerContext)
	if !ok {
		return nil, errNotForwarded
	}
	c.observe(query, valuesOf(args))
	return e.ExecContext(ctx, query, args)
}

func (c *observedConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	var st driver.Stmt
	var err error
	if p, ok := c.Conn.(driver.ConnPrepareContext); ok {
		st, err = p.PrepareContext(ctx, query)
	} else {
		st, err = c.Conn.Prepare(query)
	}
	if err != nil {
		return nil, err
	}
	return &observedStmt{st, query, c.observe}, nil
}

func (c *observedConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *observedConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	return nil, errNotForwarded
}

func (c *observedConn) Ping(ctx context.Context) error {
	if p, ok := c.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *observedConn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *observedConn) IsValid() bool {
	if v, ok := c.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

// observedStmt is a prepared statement that tells observe each run.
type observedStmt struct {
	driver.Stmt
	query   string
	observe func(string, []any)
}

func (s *observedStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := s.Stmt.(driver.StmtQueryContext)
	if !ok {
		return nil, errNotForwarded
	}
	s.observe(s.query, valuesOf(args))
	return q.QueryContext(ctx, args)
}

func (s *observedStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	e, ok := s.Stmt.(driver.StmtExecContext)
	if !ok {
		return nil, errNotForwarded
	}
	s.observe(s.query, valuesOf(args))
	return e.ExecContext(ctx, args)
}
