package interchange

import "testing"

// Published credit codes of well-known companies, read off their public
// business registrations; each check character must come out right.
var realCreditCodes = []string{
	"91110108551385082Q", // 小米科技有限责任公司
	"9144030071526726XG", // 深圳市腾讯计算机系统有限公司
	"914403001922038216", // 华为技术有限公司
	"91330100716105852F", // 阿里巴巴（中国）网络技术有限公司
}

func TestCheckCreditCodeAcceptsRealCodes(t *testing.T) {
	for _, code := range realCreditCodes {
		if err := CheckCreditCode(code); err != nil {
			t.Errorf("CheckCreditCode(%s) = %v, want nil", code, err)
		}
	}
}

func TestCheckCreditCodeRejects(t *testing.T) {
	for _, code := range []string{
		"",
		"91110108551385082",   // 17 characters
		"91110108551385082QQ", // 19 characters
		"91110108551385082A",  // wrong check character
		"91110108551385O82Q",  // O is not allowed
		"91110108551385082I",  // I is not allowed
		"9111010855138508 Q",  // space
	} {
		if err := CheckCreditCode(code); err == nil {
			t.Errorf("CheckCreditCode(%q) = nil, want an error", code)
		}
	}
}

func TestMoneyJSON(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Money
		out  string
	}{
		{"0", 0, "0"},
		{"12", 1200, "12"},
		{"12.5", 1250, "12.5"},
		{"12.50", 1250, "12.5"},
		{"12.05", 1205, "12.05"},
		{"-3.1", -310, "-3.1"},
	} {
		var m Money
		if err := m.UnmarshalJSON([]byte(tc.in)); err != nil {
			t.Errorf("Unmarshal(%s): %v", tc.in, err)
			continue
		}
		if m != tc.want {
			t.Errorf("Unmarshal(%s) = %d fen, want %d", tc.in, m, tc.want)
		}
		if got := m.String(); got != tc.out {
			t.Errorf("Money(%d).String() = %s, want %s", m, got, tc.out)
		}
	}
	for _, bad := range []string{"1.234", "1e3", "1.", ".5", "\"12\"", "", "-"} {
		var m Money
		if err := m.UnmarshalJSON([]byte(bad)); err == nil {
			t.Errorf("Unmarshal(%s) = %d, want an error", bad, m)
		}
	}
}
