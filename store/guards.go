package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"
)

// The guards a portal keeps against guessing and flooding, and the
// spreadsheets awaiting confirmation, live in the database (migration
// 00033), so that the portals sharing one PostgreSQL database count and
// keep them together. They are not records: their writes move no revision
// and log no audit entry, and they run at the writer's turn, one at a time
// (on PostgreSQL, behind the write lock every portal takes).

// guardWrite runs fn in a write transaction of its own.
func (s *Store) guardWrite(ctx context.Context, fn func(tx *sql.Tx) error) error {
	done, err := s.takeWriteTurn(ctx)
	if err != nil {
		return err
	}
	defer done()
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// SignInLimits are the sign-in guard's rules (web/throttle.go says why).
type SignInLimits struct {
	Window       time.Duration // failures older than this are forgotten
	PairLimit    int           // failures of one account from one address
	AddressLimit int           // failures from one address over all accounts
	AccountFree  int           // failures of an account before its attempts are spaced
	MaxDelay     time.Duration // the longest space between them
	MaxWait      time.Duration // an attempt that would wait longer is refused
	KnownFor     time.Duration // an address that signed in to the account is known this long
}

// SignInAttempt is one attempt, reserved as a failure until it succeeds.
type SignInAttempt struct {
	Account, Address       string
	At                     time.Time
	Wait                   time.Duration // hold the answer this long before checking the password
	Refused                bool          // too many attempts: do not check the password
	RetryAfter             time.Duration // when Refused, how long until the next attempt may be made
	PairOrAddressExhausted bool          // Refused by the pair or address limit (not the delay)
	reserved               []int64       // the failures it wrote: the address's and the account's
}

// pairKey names an account and an address together; neither holds a
// control character (PostgreSQL's text holds no NUL).
func pairKey(account, address string) string { return "pair " + account + "\x1f" + address }

// boundedKey is a name as the guard keeps it: itself, or past 200 bytes
// (a name no account has) its SHA-256, so that a flood of long names
// costs the tables small rows.
func boundedKey(name string) string {
	if len(name) <= 200 {
		return name
	}
	sum := sha256.Sum256([]byte(name))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// BeginSignIn reserves an attempt to sign in to account from address at
// now, or refuses it, under l. The check and the reservation are one
// transaction: guesses sent at once through any portals are counted one
// after the other.
func (s *Store) BeginSignIn(ctx context.Context, account, address string, now time.Time, l SignInLimits) (SignInAttempt, error) {
	account, address = boundedKey(account), boundedKey(address)
	a := SignInAttempt{Account: account, Address: address, At: now}
	err := s.guardWrite(ctx, func(tx *sql.Tx) error {
		a = SignInAttempt{Account: account, Address: address, At: now}
		since := now.Add(-l.Window).UnixNano()
		// Failures out of the window go, everyone's, and delays and known
		// addresses past their time (index ranges).
		for _, q := range []struct {
			sql string
			arg int64
		}{
			{`DELETE FROM sign_in_failures WHERE at <= ?`, since},
			{`DELETE FROM sign_in_delays WHERE next_at <= ?`, since},
			{`DELETE FROM sign_in_known WHERE at <= ?`, now.Add(-l.KnownFor).UnixNano()},
		} {
			if _, err := tx.ExecContext(ctx, q.sql, q.arg); err != nil {
				return err
			}
		}
		full := func(key string, limit int) (time.Duration, bool, error) {
			var n, oldest int64
			err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(min(at), 0) FROM sign_in_failures WHERE key = ? AND at > ?`, key, since).Scan(&n, &oldest)
			if err != nil || n < int64(limit) {
				return 0, false, err
			}
			return l.Window - now.Sub(time.Unix(0, oldest)), true, nil
		}
		for _, k := range []struct {
			key   string
			limit int
		}{{pairKey(account, address), l.PairLimit}, {"address " + address, l.AddressLimit}} {
			wait, isFull, err := full(k.key, k.limit)
			if err != nil {
				return err
			}
			if isFull {
				a.Refused, a.RetryAfter, a.PairOrAddressExhausted = true, wait, true
				return nil
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sign_in_failures WHERE key = ? AND at > ?`, "account "+account, since).Scan(&n); err != nil {
			return err
		}
		if n >= l.AccountFree {
			var known bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sign_in_known WHERE account = ? AND address = ? AND at > ?)`,
				account, address, now.Add(-l.KnownFor).UnixNano()).Scan(&known); err != nil {
				return err
			}
			if !known {
				delay := min(time.Second<<min(n-l.AccountFree, 16), l.MaxDelay)
				start := now
				var next int64
				err := tx.QueryRowContext(ctx, `SELECT next_at FROM sign_in_delays WHERE account = ?`, account).Scan(&next)
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return err
				}
				if t := time.Unix(0, next); err == nil && t.After(start) {
					start = t
				}
				if wait := start.Sub(now); wait > l.MaxWait {
					a.Refused, a.RetryAfter = true, wait
					return nil
				}
				a.Wait = start.Sub(now)
				if _, err := tx.ExecContext(ctx, `INSERT INTO sign_in_delays (account, next_at) VALUES (?1, ?2)
					ON CONFLICT (account) DO UPDATE SET next_at = excluded.next_at`, account, start.Add(delay).UnixNano()); err != nil {
					return err
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sign_in_failures (key, at) VALUES (?, ?)`, pairKey(account, address), now.UnixNano()); err != nil {
			return err
		}
		for _, key := range []string{"address " + address, "account " + account} {
			var id int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO sign_in_failures (key, at) VALUES (?, ?) RETURNING id`, key, now.UnixNano()).Scan(&id); err != nil {
				return err
			}
			a.reserved = append(a.reserved, id)
		}
		return nil
	})
	if err != nil {
		return SignInAttempt{}, fmt.Errorf("store: unable to count the sign-in: %w", err)
	}
	return a, nil
}

// SignInSucceeded takes the attempt's reservation back, forgets the
// pair's failures and remembers the address as one that signs in to the
// account.
func (s *Store) SignInSucceeded(ctx context.Context, a SignInAttempt, now time.Time) error {
	err := s.guardWrite(ctx, func(tx *sql.Tx) error {
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`DELETE FROM sign_in_failures WHERE key = ?`, []any{pairKey(a.Account, a.Address)}},
			{`DELETE FROM sign_in_failures WHERE id IN (?, ?)`, []any{reserved(a, 0), reserved(a, 1)}},
			{`INSERT INTO sign_in_known (account, address, at) VALUES (?1, ?2, ?3)
				ON CONFLICT (account, address) DO UPDATE SET at = excluded.at`, []any{a.Account, a.Address, now.UnixNano()}},
		} {
			if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: unable to record the sign-in: %w", err)
	}
	return nil
}

// reserved is the attempt's i-th reserved failure, 0 when it has none.
func reserved(a SignInAttempt, i int) int64 {
	if i < len(a.reserved) {
		return a.reserved[i]
	}
	return 0
}

// TakeAllowance spends n of account's write allowance at now: a bucket of
// perMinute that fills at perMinute a minute. When what is left cannot
// cover n it spends nothing and says how long until it can (a minute when
// n is more than the bucket holds).
func (s *Store) TakeAllowance(ctx context.Context, account int64, n, perMinute int, now time.Time) (time.Duration, bool, error) {
	var wait time.Duration
	ok := false
	err := s.guardWrite(ctx, func(tx *sql.Tx) error {
		wait, ok = 0, false
		if n > perMinute {
			wait = time.Minute
			return nil
		}
		tokens := float64(perMinute)
		var left float64
		var at int64
		err := tx.QueryRowContext(ctx, `SELECT tokens, at FROM write_allowances WHERE account = ?`, account).Scan(&left, &at)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		default:
			elapsed := now.Sub(time.Unix(0, at)).Minutes()
			tokens = math.Min(float64(perMinute), left+math.Max(elapsed, 0)*float64(perMinute))
		}
		if tokens < float64(n) {
			wait = time.Duration((float64(n) - tokens) / float64(perMinute) * float64(time.Minute))
			return nil
		}
		ok = true
		_, err = tx.ExecContext(ctx, `INSERT INTO write_allowances (account, tokens, at) VALUES (?1, ?2, ?3)
			ON CONFLICT (account) DO UPDATE SET tokens = excluded.tokens, at = excluded.at`, account, tokens-float64(n), now.UnixNano())
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("store: unable to count the account's writes: %w", err)
	}
	return wait, ok, nil
}

// UploadPreview is an uploaded spreadsheet awaiting its confirmation.
type UploadPreview struct {
	Token      string
	UserID     int64
	Collection Collection
	Name       string
	Cells      [][]string
	Size       int   // the cells' bytes, as the limits count them
	Revision   int64 // the records' revision the preview saw
	At         time.Time
}

// KeepUploadPreview keeps p, dropping the previews older than ttl and,
// past kept previews or maxSize bytes together, the oldest (never p).
func (s *Store) KeepUploadPreview(ctx context.Context, p UploadPreview, ttl time.Duration, kept, maxSize int) error {
	cells, err := json.Marshal(p.Cells)
	if err != nil {
		return err
	}
	err = s.guardWrite(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM upload_previews WHERE at < ?`, p.At.Add(-ttl).UnixNano()); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO upload_previews (token, user_id, collection, name, cells, size, revision, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, p.Token, p.UserID, string(p.Collection), p.Name, string(cells), p.Size, p.Revision, p.At.UnixNano()); err != nil {
			return err
		}
		// The oldest go while there are too many or too large ones.
		for {
			var n, size int64
			var oldest sql.NullString
			if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(size), 0),
				(SELECT token FROM upload_previews WHERE token <> ?1 ORDER BY at, token LIMIT 1) FROM upload_previews`, p.Token).Scan(&n, &size, &oldest); err != nil {
				return err
			}
			if (n <= int64(kept) && size <= int64(maxSize)) || !oldest.Valid {
				return nil
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM upload_previews WHERE token = ?`, oldest.String); err != nil {
				return err
			}
		}
	})
	if err != nil {
		return fmt.Errorf("store: unable to keep the upload: %w", err)
	}
	return nil
}

// TakeUploadPreview hands over the preview with token, once: if it is
// kept for userID and collection it is kept no longer (a second click on
// 确认导入, here or through another portal, finds nothing to save twice).
// ok is false when there is none, or it is older than ttl.
func (s *Store) TakeUploadPreview(ctx context.Context, token string, userID int64, collection Collection, now time.Time, ttl time.Duration) (UploadPreview, bool, error) {
	var p UploadPreview
	found := false
	err := s.guardWrite(ctx, func(tx *sql.Tx) error {
		var cells string
		var at int64
		err := tx.QueryRowContext(ctx, `DELETE FROM upload_previews WHERE token = ?1 AND user_id = ?2 AND collection = ?3
			RETURNING name, cells, size, revision, at`, token, userID, string(collection)).Scan(&p.Name, &cells, &p.Size, &p.Revision, &at)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		p.Token, p.UserID, p.Collection, p.At = token, userID, collection, time.Unix(0, at)
		found = now.Sub(p.At) <= ttl
		return json.Unmarshal([]byte(cells), &p.Cells)
	})
	if err != nil {
		return UploadPreview{}, false, fmt.Errorf("store: unable to take the upload: %w", err)
	}
	return p, found, nil
}
