package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// A user's display name is kept with the account; an audit entry copies
// the name its author had then, and keeps it after the name changes.
func TestAuditKeepsTheAuthorsNameOfThatTime(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	u, err := s.CreateUser(ctx, tester, NewUser{Username: "zhoumin", DisplayName: " 周敏 ", Role: RoleStaff, Password: "a-long-password"})
	if err != nil {
		t.Fatal(err)
	}
	if u.DisplayName != "周敏" || u.ShownName() != "周敏" {
		t.Errorf("display name %q, shown %q", u.DisplayName, u.ShownName())
	}
	actor := Actor{UserID: u.ID, Username: u.Username, Name: u.DisplayName}
	if _, err := s.SavePlatform(ctx, actor, 0, Platform{Kind: "science_park", Name: "天元工业软件园", Established: "2023-04-01"}); err != nil {
		t.Fatal(err)
	}
	admin := Actor{UserID: 99, Username: "boss"}
	if err := s.SetDisplayName(ctx, admin, u.ID, "周敏华"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.UserByID(ctx, u.ID); got.DisplayName != "周敏华" {
		t.Errorf("after the rename the user is %q", got.DisplayName)
	}
	entries, err := s.AuditEntries(ctx, AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	rename, platform := entries[0], entries[1]
	if platform.Collection != "platforms" || platform.Author() != "周敏" || platform.Username != "zhoumin" {
		t.Errorf("the platform's entry: %+v", platform)
	}
	if rename.Collection != "users" || rename.Author() != "boss" || !strings.Contains(string(rename.After), "周敏华") || !strings.Contains(string(rename.Before), `"周敏"`) {
		t.Errorf("the rename's entry: %+v", rename)
	}
	for _, bad := range []string{"周\u202e敏", "周\n敏", strings.Repeat("敏", 33)} {
		if err := s.SetDisplayName(ctx, admin, u.ID, bad); !errors.Is(err, ErrInvalidUser) {
			t.Errorf("SetDisplayName(%q) = %v, want ErrInvalidUser", bad, err)
		}
	}
	if err := s.SetDisplayName(ctx, admin, 12345, "某人"); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown user: %v", err)
	}
}
