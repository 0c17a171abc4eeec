package interchange

import (
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
