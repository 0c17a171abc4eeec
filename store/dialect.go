package store

import (
	"database/sql/driver"
	"slices"
	"strconv"
	"strings"
)

// The two engines the store speaks, SQLite (the embedded default) and
// PostgreSQL (a database server that several portals share). Their SQL is
// one text wherever that costs nothing; the few differences are this
// file's: placeholders, and the expressions below that each engine spells
// its own way.
type dialect struct {
	postgres bool
}

// isPostgres reports whether db names a PostgreSQL database
// (postgres://…) rather than a SQLite file.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// rebind turns SQLite's placeholders (? and ?N) into PostgreSQL's ($N),
// leaving quoted text and comments alone. A plain ? is numbered as SQLite
// numbers it, one past the largest number before it. SQLite lets a
// statement leave a numbered parameter unused (a search's count skips the
// page's offset); PostgreSQL cannot type one, so the used ones are
// numbered again in order and keep lists, for each, the argument it takes
// (1-based).
func rebind(query string) (string, []int) {
	if !strings.ContainsAny(query, "?+") && !strings.Contains(query, "CROSS JOIN") && !strings.Contains(query, "LIKE ") {
		return query, nil
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	largest := 0
	numbered := map[int]int{} // SQLite's number → PostgreSQL's
	var keep []int
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch c {
		case '\'', '"':
			j := i + 1
			for j < len(query) && query[j] != c {
				j++
			}
			b.WriteString(query[i:min(j+1, len(query))])
			i = j
		case '-':
			if i+1 < len(query) && query[i+1] == '-' {
				j := strings.IndexByte(query[i:], '\n')
				if j < 0 {
					j = len(query) - i
				}
				b.WriteString(query[i : i+j])
				i += j - 1
				continue
			}
			b.WriteByte(c)
		case 'C':
			// So is its CROSS JOIN … ON, which fixes the join order.
			if strings.HasPrefix(query[i:], "CROSS JOIN ") && (i == 0 || !isLetter(query[i-1])) {
				i += len("CROSS ") - 1
				continue
			}
			b.WriteByte(c)
		case 'L':
			// SQLite's LIKE ignores the case of ASCII letters, as
			// PostgreSQL's ILIKE does.
			if strings.HasPrefix(query[i:], "LIKE ") && (i == 0 || !isLetter(query[i-1])) {
				b.WriteString("ILIKE")
				i += len("LIKE") - 1
				continue
			}
			b.WriteByte(c)
		case '+':
			// SQLite's unary + keeps a column off an index (a planner
			// hint); PostgreSQL needs no hint and has no + on text.
			if i+1 < len(query) && isLetter(query[i+1]) && unaryPosition(query[:i]) {
				if i > 0 && isLetter(query[i-1]) {
					b.WriteByte(' ') // ON+t.a: ON t.a
				}
				continue
			}
			b.WriteByte(c)
		case '?':
			j := i + 1
			for j < len(query) && '0' <= query[j] && query[j] <= '9' {
				j++
			}
			orig := largest + 1
			if j > i+1 {
				orig, _ = strconv.Atoi(query[i+1 : j])
			}
			largest = max(largest, orig)
			to, ok := numbered[orig]
			if !ok {
				keep = append(keep, orig)
				to = len(keep)
				numbered[orig] = to
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(to))
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), keep
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }

// unaryPosition reports whether an operator after before stands where an
// operand begins: after an opening bracket or a comma, or a word such as
// AND.
func unaryPosition(before string) bool {
	before = strings.TrimRight(before, " \t\n")
	if before == "" || strings.HasSuffix(before, "(") || strings.HasSuffix(before, ",") || strings.HasSuffix(before, "=") {
		return true
	}
	i := len(before)
	for i > 0 && isLetter(before[i-1]) {
		i--
	}
	switch strings.ToUpper(before[i:]) {
	case "AND", "OR", "WHERE", "ON", "NOT", "WHEN", "THEN", "ELSE", "SELECT", "BY":
		return true
	}
	return false
}

// keepArgs are the arguments a rebound statement takes, numbered again:
// PostgreSQL refuses arguments a statement does not use.
func keepArgs(args []driver.NamedValue, keep []int) []driver.NamedValue {
	if len(keep) == len(args) && slices.IsSortedFunc(keep, func(a, b int) int { return a - b }) && (len(keep) == 0 || keep[len(keep)-1] == len(keep)) {
		return args // every argument in its place
	}
	out := make([]driver.NamedValue, len(keep))
	for i, orig := range keep {
		if orig-1 < len(args) {
			out[i] = args[orig-1]
		}
		out[i].Ordinal = i + 1
	}
	return out
}

// jsonStrings is a table of the strings of the JSON array in parameter p,
// in a column named value.
func (d dialect) jsonStrings(p string) string {
	if d.postgres {
		return `json_array_elements_text(CAST(` + p + ` AS json))`
	}
	return `json_each(` + p + `)`
}

// char is the text of one character of code point c.
func (d dialect) char(c int) string {
	if d.postgres {
		return `chr(` + strconv.Itoa(c) + `)`
	}
	return `char(` + strconv.Itoa(c) + `)`
}

// skipLocked ends a SELECT of rows to claim: on PostgreSQL, rows another
// portal is claiming are passed over rather than claimed twice; SQLite's
// one writer claims alone.
func (d dialect) skipLocked() string {
	if d.postgres {
		return ` FOR UPDATE SKIP LOCKED`
	}
	return ``
}

// boolean is the literal a comparison's truth equals: 1 or 0 on SQLite
// (whose expression indexes hold them), TRUE or FALSE on PostgreSQL.
func (d dialect) boolean(b bool) string {
	switch {
	case d.postgres && b:
		return `TRUE`
	case d.postgres:
		return `FALSE`
	case b:
		return `1`
	}
	return `0`
}

// nullsSmallest makes PostgreSQL order the NULLs of column in order as
// SQLite does: before every value ascending, after every value descending
// (PostgreSQL's default is the other way round).
func (d dialect) nullsSmallest(order, column string) string {
	if !d.postgres {
		return order
	}
	if strings.Contains(order, column+" DESC") {
		return strings.Replace(order, column+" DESC", column+" DESC NULLS LAST", 1)
	}
	return strings.Replace(order, column, column+" NULLS FIRST", 1)
}

// sameUsername is the condition that column equals parameter p without
// regard to ASCII case, as the unique index on usernames compares them.
func (d dialect) sameUsername(column, p string) string {
	if d.postgres {
		return `ascii_lower(` + column + `) = ascii_lower(` + p + `)`
	}
	return column + ` = ` + p + ` COLLATE NOCASE`
}
