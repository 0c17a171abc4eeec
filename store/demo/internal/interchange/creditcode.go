package interchange

import (
	"errors"
	"fmt"
	"strings"
)

// creditCodeChars are the 31 characters a unified social credit code may
// hold (GB 32100-2015: digits and capital letters without I, O, S, V, Z);
// a character's value is its position here.
const creditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCodeWeights are the weights of positions 1–17 (3^i mod 31).
var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCodeCheck returns the check character (position 18) for the first 17
// characters of a unified social credit code.
func CreditCodeCheck(body string) (byte, error) {
	if len(body) != 17 {
		return 0, fmt.Errorf("credit code body has %d characters, want 17", len(body))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditCodeChars, body[i])
		if v < 0 {
			return 0, fmt.Errorf("character %q at position %d is not allowed in a credit code", body[i], i+1)
		}
		sum += v * creditCodeWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return creditCodeChars[c], nil
}

// CheckCreditCode returns nil if code is a well-formed unified social credit
// code: 18 allowed characters with the right check character.
func CheckCreditCode(code string) error {
	if len(code) != 18 {
		return fmt.Errorf("has %d characters, a credit code has 18", len(code))
	}
	want, err := CreditCodeCheck(code[:17])
	if err != nil {
		return err
	}
	if code[17] != want {
		if strings.IndexByte(creditCodeChars, code[17]) < 0 {
			return fmt.Errorf("character %q at position 18 is not allowed in a credit code", code[17])
		}
		return fmt.Errorf("check character is %c, should be %c", code[17], want)
	}
	return nil
}

// OrgCodeCheck returns the check character of an organisation code
// (GB 11714-1997) for its first eight characters (digits or capital letters);
// positions 9–17 of a credit code are such a code with its check character.
func OrgCodeCheck(body string) (byte, error) {
	if len(body) != 8 {
		return 0, errors.New("organisation code body must have 8 characters")
	}
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 8; i++ {
		c := body[i]
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		default:
			return 0, fmt.Errorf("character %q is not allowed in an organisation code", c)
		}
		sum += v * weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X', nil
	case 11:
		return '0', nil
	default:
		return byte('0' + c), nil
	}
}

// MakeCreditCode builds an enterprise's credit code (registration authority
// 9 "market regulation", kind 1 "enterprise") from a six-digit division code
// and an eight-digit organisation code body, with both check characters.
func MakeCreditCode(division, orgBody string) (string, error) {
	oc, err := OrgCodeCheck(orgBody)
	if err != nil {
		return "", err
	}
	body := "91" + division + orgBody + string(oc)
	c, err := CreditCodeCheck(body)
	if err != nil {
		return "", err
	}
	return body + string(c), nil
}
