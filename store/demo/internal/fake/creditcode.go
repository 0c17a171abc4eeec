package fake

import (
	"fmt"

	"parkportal/store"
)

// TianyuanDivision is the administrative division code of 株洲市天元区.
const TianyuanDivision = "430211"

// codeChars are the characters allowed in a credit code (GB 32100-2015), in
// the order of their values.
const codeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// CreditCode returns the fictional credit code number n of an enterprise
// registered in the Tianyuan district, with correct check characters.
// Different n give different codes (n below 9·10^7 for old-style codes, below
// 31^6 for new ones). Enterprises registered before 2016 carry an old
// numeric organisation code; later ones the "MA" codes issued since.
func CreditCode(n uint64, oldStyle bool) string {
	var body string
	if oldStyle {
		body = fmt.Sprintf("%08d", 10_000_000+n%90_000_000)
	} else {
		b := []byte("MA000000")
		for i := 7; i >= 2; i-- {
			b[i] = codeChars[n%31]
			n /= 31
		}
		body = string(b)
	}
	return creditCode(TianyuanDivision, body)
}

// creditCode builds an enterprise's credit code: registration authority 9
// (market regulation), kind 1 (enterprise), the six-digit division, the
// organisation code (body and its check character) and the code's own check
// character, which store computes.
func creditCode(division, body string) string {
	first17 := "91" + division + body + string(orgCodeCheck(body))
	check, ok := store.CreditCodeCheckChar(first17)
	if !ok {
		panic("fake: malformed credit code " + first17) // the bodies made here are always well-formed
	}
	return first17 + string(check)
}

// orgCodeCheck returns the check character of an organisation code
// (GB 11714-1997) for its first eight characters, digits or capital letters;
// positions 9–17 of a credit code are such a code with its check character.
func orgCodeCheck(body string) byte {
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 8 {
		c := body[i]
		v := int(c - '0')
		if c >= 'A' && c <= 'Z' {
			v = int(c-'A') + 10
		}
		sum += v * weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}
