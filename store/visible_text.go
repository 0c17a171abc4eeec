package store

import (
	"strings"
	"unicode"
)

// invisible says whether r shows nothing on a page: white space of any
// script, control and format characters (zero-width spaces and joiners,
// the word joiner, the byte-order mark: category Cf), variation selectors
// and the blank fillers of Hangul and Braille.
func invisible(r rune) bool {
	switch r {
	case '\u115F', '\u1160', '\u3164', '\uFFA0', '\u2800':
		return true
	}
	return unicode.IsSpace(r) || unicode.In(r, unicode.Cc, unicode.Cf, unicode.Z, unicode.Variation_Selector)
}

// visibleText is s without the invisible characters at its ends; "" when
// it has nothing a reader could see, such as a comment of zero-width
// spaces.
func visibleText(s string) string {
	return strings.TrimFunc(s, invisible)
}
