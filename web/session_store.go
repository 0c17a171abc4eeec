package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/gob"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"parkportal/store"
)

// sessionStore is a gorilla sessions.Store whose sessions live in the
// database: the cookie carries only a signed random id, so deleting the row
// (sign-out, a disabled account, a password reset) ends the session at once,
// which a cookie store cannot do.
type sessionStore struct {
	db       *store.Store
	codec    *securecookie.SecureCookie
	options  sessions.Options
	idle     time.Duration // a session unused this long expires
	absolute time.Duration // and none lives longer than this
	now      func() time.Time

	// known are the live sessions read lately, each with its user and the
	// records' revision it was read at: a signed-in request whose session
	// is known at the current revision and was seen within the minute
	// reads nothing (viewer). Ending a session, and any change of an
	// account, moves the revision (store.DeleteSession, the write path),
	// in this process or another; revision is the page cache's, read
	// from the database at most every revisionCheckEvery.
	revision func(context.Context) (store.Revision, error)
	knownMu  sync.Mutex
	known    map[string]knownSession
}

// knownSession is a live session as viewer read it.
type knownSession struct {
	user          *store.User // nil: a session without one
	created, seen time.Time
	rev           int64
}

// maxKnownSessions bounds what the store keeps of sessions in memory.
const maxKnownSessions = 10000

// sessionName is the cookie's name.
const sessionName = "portal_session"

// userIDKey is the session value holding the signed-in user's id.
const userIDKey = "uid"

func newSessionStore(db *store.Store, key []byte, secure bool, now func() time.Time) *sessionStore {
	codec := securecookie.New(key, nil)
	codec.MaxAge(0) // expiry is enforced by the database row
	return &sessionStore{
		db:    db,
		codec: codec,
		options: sessions.Options{
			Path:     "/",
			HttpOnly: true,
			Secure:   secure,
			SameSite: http.SameSiteLaxMode,
		},
		idle:     2 * time.Hour,
		absolute: 12 * time.Hour,
		now:      now,
	}
}

// Get returns the request's session, cached in the request's registry.
func (s *sessionStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// New loads the session named by the request's cookie, or returns a new,
// empty one (IsNew) when there is none or it has expired.
func (s *sessionStore) New(r *http.Request, name string) (*sessions.Session, error) {
	session := sessions.NewSession(s, name)
	opts := s.options
	session.Options = &opts
	session.IsNew = true
	c, err := r.Cookie(name)
	if err != nil {
		return session, nil
	}
	var id string
	if err := s.codec.Decode(name, c.Value, &id); err != nil {
		return session, nil // a forged or stale cookie is just no session
	}
	now := s.now()
	row, err := s.db.SessionByID(r.Context(), id, now)
	if errors.Is(err, store.ErrNotFound) {
		return session, nil
	}
	if err != nil {
		return session, err
	}
	if now.Sub(row.CreatedAt) > s.absolute {
		_ = s.db.DeleteSession(r.Context(), id)
		return session, nil
	}
	// The one value a session holds is its user, which the row keeps in a
	// column of its own: decoding the gob (a new decoder compiles its types
	// each time) was a fifth of a signed-in page's cost.
	if row.UserID != 0 {
		session.Values[userIDKey] = row.UserID
	} else if err := gob.NewDecoder(bytes.NewReader(row.Data)).Decode(&session.Values); err != nil {
		return session, nil
	}
	session.ID = id
	session.IsNew = false
	// Slide the idle expiry, at most once a minute to spare the writer.
	if now.Sub(row.SeenAt) > time.Minute {
		if err := s.db.TouchSession(r.Context(), id, now, s.expiry(row.CreatedAt, now)); err != nil {
			return session, err
		}
	}
	return session, nil
}

// viewer reads the session a cookie's value names and its user, in one
// query, for every signed-in request (loadViewer): the session's id ("" for
// none live) and its user (nil for none). It slides the idle expiry as New
// does and ends a session past its absolute one.
func (s *sessionStore) viewer(ctx context.Context, cookie string) (string, *store.User, error) {
	var id string
	if err := s.codec.Decode(sessionName, cookie, &id); err != nil {
		return "", nil, nil // a forged or stale cookie is just no session
	}
	now := s.now()
	// The revision first: a session ended after it was read is read again.
	rev := store.Revision{Value: -1}
	if s.revision != nil {
		var err error
		if rev, err = s.revision(ctx); err != nil {
			return "", nil, err
		}
		if id, u, ok := s.knownAt(id, rev.Value, now); ok {
			return id, u, nil
		}
	}
	row, u, err := s.db.SessionUser(ctx, id, now)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	if now.Sub(row.CreatedAt) > s.absolute {
		_ = s.db.DeleteSession(ctx, id)
		return "", nil, nil
	}
	if row.UserID == 0 && len(row.Data) > 0 { // a session written before user_id had its column
		values := map[any]any{}
		if err := gob.NewDecoder(bytes.NewReader(row.Data)).Decode(&values); err == nil {
			if uid, ok := values[userIDKey].(int64); ok {
				if found, err := s.db.UserByID(ctx, uid); err == nil {
					u = &found
				}
			}
		}
	}
	seen := row.SeenAt
	if now.Sub(row.SeenAt) > time.Minute {
		if err := s.db.TouchSession(ctx, id, now, s.expiry(row.CreatedAt, now)); err != nil {
			return "", nil, err
		}
		seen = now
	}
	if rev.Value >= 0 {
		s.remember(id, knownSession{user: u, created: row.CreatedAt, seen: seen, rev: rev.Value})
	}
	return id, u, nil
}

// knownAt is session id as known at revision rev, when it was seen within
// the minute (its idle expiry slides once a minute, in the database) and
// is not past its absolute expiry; its user is a copy, the request's own.
func (s *sessionStore) knownAt(id string, rev int64, now time.Time) (string, *store.User, bool) {
	s.knownMu.Lock()
	k, ok := s.known[id]
	s.knownMu.Unlock()
	if !ok || k.rev != rev || now.Before(k.seen) || now.Sub(k.seen) > time.Minute || now.Sub(k.created) > s.absolute {
		return "", nil, false
	}
	if k.user == nil {
		return id, nil, true
	}
	u := *k.user
	return id, &u, true
}

// remember keeps what viewer read of a session.
func (s *sessionStore) remember(id string, k knownSession) {
	if k.user != nil {
		u := *k.user
		k.user = &u
	}
	s.knownMu.Lock()
	defer s.knownMu.Unlock()
	if s.known == nil || len(s.known) >= maxKnownSessions {
		s.known = map[string]knownSession{}
	}
	s.known[id] = k
}

// forget drops a session from memory (it ended in this process).
func (s *sessionStore) forget(id string) {
	s.knownMu.Lock()
	defer s.knownMu.Unlock()
	delete(s.known, id)
}

// expiry is the earlier of the idle and the absolute deadline.
func (s *sessionStore) expiry(created, now time.Time) time.Time {
	idle, abs := now.Add(s.idle), created.Add(s.absolute)
	if abs.Before(idle) {
		return abs
	}
	return idle
}

// Save writes the session row and its cookie; a negative MaxAge deletes both.
func (s *sessionStore) Save(r *http.Request, w http.ResponseWriter, session *sessions.Session) error {
	if session.Options.MaxAge < 0 {
		if session.ID != "" {
			s.forget(session.ID)
			if err := s.db.DeleteSession(r.Context(), session.ID); err != nil {
				return err
			}
		}
		http.SetCookie(w, sessions.NewCookie(session.Name(), "", session.Options))
		return nil
	}
	now := s.now()
	created := now
	if session.ID == "" {
		id, err := newSessionID()
		if err != nil {
			return err
		}
		session.ID = id
	} else if row, err := s.db.SessionByID(r.Context(), session.ID, now); err == nil {
		created = row.CreatedAt
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(session.Values); err != nil {
		return fmt.Errorf("web: unable to encode session: %w", err)
	}
	uid, _ := session.Values[userIDKey].(int64)
	if err := s.db.SaveSession(r.Context(), store.Session{
		ID: session.ID, UserID: uid, Data: buf.Bytes(),
		CreatedAt: created, SeenAt: now, ExpiresAt: s.expiry(created, now),
	}); err != nil {
		return err
	}
	encoded, err := s.codec.Encode(session.Name(), session.ID)
	if err != nil {
		return fmt.Errorf("web: unable to sign session cookie: %w", err)
	}
	http.SetCookie(w, sessions.NewCookie(session.Name(), encoded, session.Options))
	return nil
}

// newSessionID returns 160 random bits, base32-encoded.
func newSessionID() (string, error) {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("web: unable to make session id: %w", err)
	}
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b), nil
}

// sweepSessions deletes expired sessions every interval until ctx ends.
func sweepSessions(ctx context.Context, db *store.Store, every time.Duration, now func() time.Time, log func(error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := db.DeleteExpiredSessions(ctx, now()); err != nil && ctx.Err() == nil {
				log(err)
			}
		}
	}
}
