package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestPasswordHashIsArgon2idAndChecks(t *testing.T) {
	ctx := context.Background()
	h, err := HashPassword(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id with OWASP parameters", h)
	}
	if ok, err := CheckPassword(ctx, h, "correct horse battery"); !ok || err != nil {
		t.Errorf("right password: %v %v", ok, err)
	}
	if ok, _ := CheckPassword(ctx, h, "wrong horse battery"); ok {
		t.Error("wrong password accepted")
	}
	h2, _ := HashPassword(ctx, "correct horse battery")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	if _, err := CheckPassword(ctx, dummyHash, "x"); err != nil {
		t.Errorf("dummy hash is malformed: %v", err)
	}
}

func TestCreateUserRules(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.SaveOrganization(ctx, Actor{Username: "test"}, "", Organization{ID: "o1", Name: "甲党支部", Kind: "branch", Formed: "2023-01-01", Enterprises: []string{}}); err != nil {
		t.Fatal(err)
	}
	ok := NewUser{Username: "clerk", Role: RoleStaff, Password: "0123456789"}
	if _, err := s.CreateUser(ctx, ok); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		u    NewUser
		want error
	}{
		"duplicate":        {ok, ErrExists},
		"short password":   {NewUser{Username: "a", Role: RoleStaff, Password: "short"}, ErrWeakPassword},
		"unknown role":     {NewUser{Username: "b", Role: "boss", Password: "0123456789"}, ErrInvalidUser},
		"secretary no org": {NewUser{Username: "c", Role: RoleSecretary, Password: "0123456789"}, ErrInvalidUser},
		"staff with org":   {NewUser{Username: "d", Role: RoleStaff, Organization: "o1", Password: "0123456789"}, ErrInvalidUser},
		"unknown org":      {NewUser{Username: "e", Role: RoleSecretary, Organization: "o9", Password: "0123456789"}, ErrUnknownOrganization},
		"empty username":   {NewUser{Username: "  ", Role: RoleStaff, Password: "0123456789"}, ErrInvalidUser},
	} {
		if _, err := s.CreateUser(ctx, tc.u); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", name, err, tc.want)
		}
	}
	u, err := s.CreateUser(ctx, NewUser{Username: "sec", Role: RoleSecretary, Organization: "o1", Password: "0123456789"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := u.Organization, "o1"; got != want {
		t.Errorf("organization = %q, want %q", got, want)
	}
}

func TestAuthenticate(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	u, err := s.CreateUser(ctx, NewUser{Username: "clerk", Role: RoleStaff, Password: "0123456789"})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.Authenticate(ctx, "clerk", "0123456789"); err != nil || got.ID != u.ID {
		t.Errorf("right password: %v", err)
	}
	for _, tc := range [][2]string{{"clerk", "wrong-wrong"}, {"nobody", "0123456789"}} {
		if _, err := s.Authenticate(ctx, tc[0], tc[1]); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("%v: err = %v, want ErrBadCredentials", tc, err)
		}
	}
	if err := s.SetUserDisabled(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "clerk", "0123456789"); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("disabled user: err = %v", err)
	}
}

func TestSessionsLiveInTheDatabase(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	u, _ := s.CreateUser(ctx, NewUser{Username: "clerk", Role: RoleStaff, Password: "0123456789"})
	now := time.Unix(1_800_000_000, 0)
	ss := Session{ID: "abc", UserID: u.ID, Data: []byte("x"), CreatedAt: now, SeenAt: now, ExpiresAt: now.Add(time.Hour)}
	if err := s.SaveSession(ctx, ss); err != nil {
		t.Fatal(err)
	}
	got, err := s.SessionByID(ctx, "abc", now)
	if err != nil || got.UserID != u.ID || string(got.Data) != "x" {
		t.Fatalf("SessionByID = %+v, %v", got, err)
	}
	if _, err := s.SessionByID(ctx, "abc", now.Add(2*time.Hour)); !errors.Is(err, ErrNotFound) {
		t.Errorf("expired session: err = %v", err)
	}
	if err := s.TouchSession(ctx, "abc", now.Add(30*time.Minute), now.Add(3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionByID(ctx, "abc", now.Add(2*time.Hour)); err != nil {
		t.Errorf("touched session expired: %v", err)
	}
	// Disabling the user ends their sessions.
	if err := s.SetUserDisabled(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionByID(ctx, "abc", now); !errors.Is(err, ErrNotFound) {
		t.Errorf("session survived disabling: %v", err)
	}
	if err := s.SaveSession(ctx, Session{ID: "old", Data: []byte{}, CreatedAt: now, SeenAt: now, ExpiresAt: now.Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.DeleteExpiredSessions(ctx, now.Add(time.Hour)); err != nil || n != 1 {
		t.Errorf("DeleteExpiredSessions = %d, %v; want 1", n, err)
	}
}

// User names hold only characters that cannot pass for others: no spaces
// or invisible characters, no full-width or other scripts' look-alike
// letters, no compatibility ideographs or radicals.
func TestUserNamesRefuseInvisibleAndLookAlikeCharacters(t *testing.T) {
	s := openTest(t)
	for _, name := range []string{
		"adm\u200bin", // zero-width space
		"admin\u00ad", // soft hyphen
		"\u202eadmin", // right-to-left override
		"аdmin",       // Cyrillic а
		"adm\u0456n",  // Ukrainian і
		"ａｄｍｉｎ",       // full-width
		"ad min",      // space
		"ad\tmin",     // tab
		"王\u3000书记",   // ideographic space
		"\u2f00号",     // Kangxi radical ⼀, not 一
		"\uf900",      // compatibility ideograph 豈
		"admin\u0301", // combining accent
		"书记·王",        // middle dot
		string([]byte{'a', 0xff}),
	} {
		_, err := s.CreateUser(context.Background(), NewUser{Username: name, Role: RoleStaff, Password: "a-long-password"})
		if !errors.Is(err, ErrInvalidUser) {
			t.Errorf("CreateUser(%q) = %v, want ErrInvalidUser", name, err)
		}
		if UsernameProblem(name) == "" {
			t.Errorf("UsernameProblem(%q) is empty", name)
		}
	}
	for _, name := range []string{"admin", "Zhang.San", "li_si-2", "wang@park", "王书记", "𠀀号"} {
		if _, err := s.CreateUser(context.Background(), NewUser{Username: name, Role: RoleStaff, Password: "a-long-password"}); err != nil {
			t.Errorf("CreateUser(%q) = %v, want it created", name, err)
		}
	}
}
