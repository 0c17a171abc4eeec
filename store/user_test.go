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
	if _, err := s.CreateUser(ctx, tester, ok); err != nil {
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
		if _, err := s.CreateUser(ctx, tester, tc.u); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", name, err, tc.want)
		}
	}
	u, err := s.CreateUser(ctx, tester, NewUser{Username: "sec", Role: RoleSecretary, Organization: "o1", Password: "0123456789"})
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
	u, err := s.CreateUser(ctx, tester, NewUser{Username: "clerk", Role: RoleStaff, Password: "0123456789"})
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
	if err := s.SetUserDisabled(ctx, tester, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "clerk", "0123456789"); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("disabled user: err = %v", err)
	}
}

func TestSessionsLiveInTheDatabase(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	u, _ := s.CreateUser(ctx, tester, NewUser{Username: "clerk", Role: RoleStaff, Password: "0123456789"})
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
	if err := s.SetUserDisabled(ctx, tester, u.ID, true); err != nil {
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
		_, err := s.CreateUser(context.Background(), tester, NewUser{Username: name, Role: RoleStaff, Password: "a-long-password"})
		if !errors.Is(err, ErrInvalidUser) {
			t.Errorf("CreateUser(%q) = %v, want ErrInvalidUser", name, err)
		}
		if UsernameProblem(name) == "" {
			t.Errorf("UsernameProblem(%q) is empty", name)
		}
	}
	for _, name := range []string{"admin", "Zhang.San", "li_si-2", "wang@park", "王书记", "𠀀号"} {
		if _, err := s.CreateUser(context.Background(), tester, NewUser{Username: name, Role: RoleStaff, Password: "a-long-password"}); err != nil {
			t.Errorf("CreateUser(%q) = %v, want it created", name, err)
		}
	}
}

// Account changes go through the write frame: each writes an audit entry
// in "users" naming the account and who changed it (never the password
// or its hash), and a failure before commit leaves neither the change nor
// its entry.
func TestAccountChangesAreAudited(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	admin := Actor{UserID: 1, Username: "root"}
	const first, second = "first-password-9", "second-password-9"

	s.beforeCommit = func() error { return errors.New("disk full") }
	if _, err := s.CreateUser(ctx, admin, NewUser{Username: "clerk", Role: RoleStaff, Password: first}); err == nil {
		t.Fatal("an account was created although its commit failed")
	}
	if _, err := s.UserByUsername(ctx, "clerk"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a failed create left the account: %v", err)
	}
	s.beforeCommit = nil

	u, err := s.CreateUser(ctx, admin, NewUser{Username: "clerk", Role: RoleStaff, Password: first})
	if err != nil {
		t.Fatal(err)
	}
	s.beforeCommit = func() error { return errors.New("disk full") }
	if err := s.SetPassword(ctx, admin, u.ID, second); err == nil {
		t.Fatal("a password was reset although its commit failed")
	}
	if err := s.SetUserDisabled(ctx, admin, u.ID, true); err == nil {
		t.Fatal("an account was disabled although its commit failed")
	}
	if err := s.SetDisplayName(ctx, admin, u.ID, "周敏"); err == nil {
		t.Fatal("a display name was set although its commit failed")
	}
	s.beforeCommit = nil
	if got, err := s.Authenticate(ctx, "clerk", first); err != nil || got.DisplayName != "" {
		t.Errorf("failed changes still took effect: %+v, %v", got, err)
	}

	if err := s.SetPassword(ctx, admin, u.ID, second); err != nil {
		t.Fatal(err)
	}
	if err := s.SetUserDisabled(ctx, admin, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetUserDisabled(ctx, admin, u.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDisplayName(ctx, admin, u.ID, "周敏"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetUserDisabled(ctx, admin, 9999, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("disabling an unknown account: %v, want ErrNotFound", err)
	}

	entries, err := s.AuditEntries(ctx, AuditFilter{Collection: "users"})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ action, note, after string }{ // newest first
		{ActionUpdate, "修改姓名", `"display_name":"周敏"`},
		{ActionUpdate, "启用账号", `"disabled":false`},
		{ActionUpdate, "停用账号", `"disabled":true`},
		{ActionUpdate, "重置密码", `"disabled":false`},
		{ActionCreate, "新建账号", `"role":"staff"`},
	}
	if len(entries) != len(want) {
		t.Fatalf("%d entries for the account, want %d: %+v", len(entries), len(want), entries)
	}
	hash := func() string { v, _ := s.UserByID(ctx, u.ID); return v.PasswordHash }()
	for i, e := range entries {
		w := want[i]
		if e.Action != w.action || e.Note != w.note || e.Title != "clerk" || e.RecordKey != u.ID ||
			e.Username != admin.Username || e.UserID != admin.UserID || !strings.Contains(string(e.After), w.after) {
			t.Errorf("entry %d = %+v (after %s), want %s %s", i, e, e.After, w.action, w.note)
		}
		for _, secret := range []string{first, second, hash, u.PasswordHash, "argon2"} {
			if strings.Contains(string(e.Before)+string(e.After)+e.Title+e.Note, secret) {
				t.Errorf("entry %d (%s) carries a password or its hash", i, e.Note)
			}
		}
	}
}
