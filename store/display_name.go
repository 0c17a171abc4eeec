package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Display names. A login name (zhoumin, clerk2) says little to a clerk
// reading a record's history or a secretary reading who returned their
// filing; the display name (姓名, 周敏) is what pages show in its place.
// It is optional: without one, pages show the login name.

// maxDisplayNameLength is the most characters a display name may have
// (the column's check says the same).
const maxDisplayNameLength = 32

// DisplayNameProblem says, in Chinese, what is wrong with a display name,
// or "" when nothing is. An empty name is allowed. Control and invisible
// formatting characters are refused, so that one name cannot pass for
// another or reorder the text around it.
func DisplayNameProblem(name string) string {
	if !utf8.ValidString(name) {
		return "姓名含有无法识别的字符"
	}
	if utf8.RuneCountInString(name) > maxDisplayNameLength {
		return fmt.Sprintf("姓名不能超过 %d 个字符", maxDisplayNameLength)
	}
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return "姓名不能含有换行、制表符或看不见的控制字符"
		}
	}
	return ""
}

// ShownName is the name pages show for the user: the display name, or the
// login name when there is none.
func (u User) ShownName() string {
	if u.DisplayName != "" {
		return u.DisplayName
	}
	return u.Username
}

// Author is the name pages show for the entry's author: their display name
// at the time of the change, or the login name when they had none (and for
// entries older than display names).
func (e AuditEntry) Author() string {
	if e.ActorName != "" {
		return e.ActorName
	}
	return e.Username
}

// SetDisplayName sets the display name of user id ("" removes it), through
// the write frame, so that the change has its audit entry. A name the rules
// refuse is ErrInvalidUser.
func (s *Store) SetDisplayName(ctx context.Context, actor Actor, id int64, name string) error {
	name = strings.TrimSpace(name)
	if p := DisplayNameProblem(name); p != "" {
		return fmt.Errorf("%w: %s", ErrInvalidUser, p)
	}
	return s.changeUser(ctx, actor, id, "修改姓名", func(tx *writeTx, now string) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET display_name = ?, updated_at = ? WHERE id = ?`, name, now, id); err != nil {
			return fmt.Errorf("store: unable to set the display name of user %d: %w", id, err)
		}
		return nil
	})
}
