package interchange

import (
	"fmt"
	"strconv"
)

// Money is an amount of yuan held in fen (hundredths), so that it is exact
// and prints with at most two decimals, as the format requires.
type Money int64

// Yuan returns the amount for a whole number of yuan.
func Yuan(y int64) Money { return Money(y * 100) }

// Ptr returns a pointer to m, for the optional money fields.
func (m Money) Ptr() *Money { return &m }

// String prints m as a JSON number: 1200, 1200.5 or 1200.55.
func (m Money) String() string {
	sign := ""
	v := int64(m)
	if v < 0 {
		sign, v = "-", -v
	}
	whole, fen := v/100, v%100
	switch {
	case fen == 0:
		return fmt.Sprintf("%s%d", sign, whole)
	case fen%10 == 0:
		return fmt.Sprintf("%s%d.%d", sign, whole, fen/10)
	default:
		return fmt.Sprintf("%s%d.%02d", sign, whole, fen)
	}
}

// MarshalJSON writes m as a plain JSON number.
func (m Money) MarshalJSON() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalJSON reads a JSON number with at most two decimals and no
// exponent; anything else is an error, as it is for the import.
func (m *Money) UnmarshalJSON(b []byte) error {
	s := string(b)
	neg := false
	if len(s) > 0 && s[0] == '-' {
		neg, s = true, s[1:]
	}
	whole, frac := s, ""
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			whole, frac = s[:i], s[i+1:]
			break
		}
	}
	if whole == "" || !digits(whole) || (frac != "" && !digits(frac)) || len(s) > 0 && s[len(s)-1] == '.' {
		return fmt.Errorf("money %s is not a plain number of yuan", b)
	}
	if len(frac) > 2 {
		return fmt.Errorf("money %s has more than two decimals", b)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return fmt.Errorf("money %s: %w", b, err)
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	v := w*100 + f
	if neg {
		v = -v
	}
	*m = Money(v)
	return nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
