package store

import (
	"strings"
	"unicode/utf8"
)

// User names are typed by people and read by people: one name must not
// pass for another. They may hold ASCII letters and digits, the marks
// . _ - @, and Chinese characters from the unified ideograph blocks; no
// spaces, invisible characters, full-width letters, other scripts' letters
// that look Latin (Cyrillic а, Greek ο) or compatibility ideographs that
// look like ordinary ones. Two names that differ only in the case of
// their letters are the same name (the database's NOCASE index enforces
// it; the sign-in throttle counts them as one).

// maxUsernameLength is the most characters a user name may have.
const maxUsernameLength = 64

// UsernameProblem says, in Chinese, what is wrong with a new user name, or
// "" when nothing is.
func UsernameProblem(name string) string {
	if name == "" {
		return "请输入用户名"
	}
	if !utf8.ValidString(name) {
		return "用户名含有无法识别的字符"
	}
	if utf8.RuneCountInString(name) > maxUsernameLength {
		return "用户名不能超过 64 个字符"
	}
	for _, r := range name {
		if !usernameRune(r) {
			return "用户名只能由英文字母、数字、汉字以及点（.）、下划线（_）、连字符（-）和 @ 组成，不能含空格、全角字母或其他符号"
		}
	}
	return ""
}

func usernameRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	case r == '.', r == '_', r == '-', r == '@':
		return true
	case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs
		return true
	case r >= 0x3400 && r <= 0x4DBF: // Extension A
		return true
	case r >= 0x20000 && r <= 0x2F7FF, r >= 0x30000 && r <= 0x323AF: // Extensions B–I, not the compatibility supplement
		return true
	}
	return false
}

// UsernameKey is the form of a user name that identifies its account:
// ASCII letters folded to lower case, as SQLite's NOCASE collation folds
// them.
func UsernameKey(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, name)
}
