package store

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
)

// E-mail addresses of accounts (migration 00024): optional; with one, the
// account's notices are also sent by mail when a mail server is
// configured (outbox.go).

// maxEmailLength is the longest address SMTP carries (RFC 5321's path).
const maxEmailLength = 254

// EmailProblem says, in Chinese, what is wrong with an address, or ""
// when nothing is. An empty address is allowed (no mail). Only a bare
// address is taken: no display name, no list, no angle brackets.
func EmailProblem(email string) string {
	if email == "" {
		return ""
	}
	if len(email) > maxEmailLength {
		return fmt.Sprintf("电子邮箱不能超过 %d 个字符", maxEmailLength)
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || a.Name != "" || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
		return "电子邮箱格式不对，应形如 zhangsan@example.gov.cn"
	}
	return ""
}

// SetEmail sets the e-mail address of user id ("" removes it), through the
// write frame, so that the change has its audit entry. An address the
// rules refuse is ErrInvalidUser.
func (s *Store) SetEmail(ctx context.Context, actor Actor, id int64, email string) error {
	email = strings.TrimSpace(email)
	if p := EmailProblem(email); p != "" {
		return fmt.Errorf("%w: %s", ErrInvalidUser, p)
	}
	return s.changeUser(ctx, actor, id, "修改电子邮箱", func(tx *writeTx, now string) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET email = ?, updated_at = ? WHERE id = ?`, nullable(email), now, id); err != nil {
			return fmt.Errorf("store: unable to set the e-mail address of user %d: %w", id, err)
		}
		return nil
	})
}
