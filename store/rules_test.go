package store

import (
	"testing"
	"time"
)

func TestCheckCreditCode(t *testing.T) {
	for _, tc := range []struct {
		code, want string // want: problem code, "" for valid
	}{
		{"", ""},                   // optional
		{"914403001922038216", ""}, // real codes of well-known companies
		{"91330100716105852F", ""},
		{"91110108551385082Q", ""},
		{"91430200MA4L16XY97", ""},                    // check character computed by hand
		{"91430200MA4L16XY9L", CodeCreditCodeCheck},   // the check character is 7, not L
		{"914403001922038217", CodeCreditCodeCheck},   // one digit off
		{"91430200MA4L16XY9", CodeCreditCodeLength},   // 17 characters
		{"91430200MA4L16XY977", CodeCreditCodeLength}, // 19
		{"９1430200MA4L16XY97", CodeCreditCodeLength},  // a full-width digit
		{"91430200MI4L16XY97", CodeCreditCodeCharset}, // I is not used
		{"91430200ma4l16xy97", CodeCreditCodeCharset}, // lower case
	} {
		p := CheckCreditCode("credit_code", tc.code)
		got := ""
		if p != nil {
			got = p.Code
		}
		if got != tc.want {
			t.Errorf("CheckCreditCode(%q) = %q, want %q", tc.code, got, tc.want)
		}
	}
	if got, _ := CreditCodeCheckChar("91430200MA4L16XY9"); got != '7' {
		t.Errorf("check character of 91430200MA4L16XY9 = %c, want 7", got)
	}
}

func TestParseDate(t *testing.T) {
	for s, want := range map[string]bool{
		"2023-06-01": true, "2024-02-29": true, "2000-02-29": true,
		"2023-02-29": false, "1900-02-29": false, "2023-13-01": false, "2023-04-31": false,
		"2023-6-1": false, "2023/06/01": false, "20230601": false, "": false, "2023-06-01T00:00:00Z": false,
		"２023-06-01": false,
	} {
		if _, got := ParseDate(s); got != want {
			t.Errorf("ParseDate(%q) ok = %v, want %v", s, got, want)
		}
	}
}

func date(t *testing.T, s string) time.Time {
	t.Helper()
	d, ok := ParseDate(s)
	if !ok {
		t.Fatalf("bad test date %q", s)
	}
	return d
}

func TestFullYearBetween(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		want     bool
	}{
		{"2023-01-05", "2024-01-05", true}, // same month and day counts as a year
		{"2023-01-05", "2024-01-04", false},
		{"2023-01-05", "2023-06-01", false},
		{"2023-12-31", "2024-12-31", true},
		{"2020-02-29", "2021-02-28", true}, // no 29 February: the month's last day
		{"2020-02-29", "2021-02-27", false},
		{"2020-02-29", "2024-02-28", true},
		{"2023-02-28", "2024-02-28", true},
		{"2023-02-28", "2024-02-27", false},
		{"2023-03-01", "2024-02-29", false},
	} {
		if got := FullYearBetween(date(t, tc.from), date(t, tc.to)); got != tc.want {
			t.Errorf("FullYearBetween(%s, %s) = %v, want %v", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestCheckMemberStages(t *testing.T) {
	full := Member{Applied: "2020-01-10", Activist: "2020-03-01", Candidate: "2021-03-01", Probationary: "2021-06-01", Full: "2022-06-01", Birth: "1990-05-01"}
	for _, tc := range []struct {
		name        string
		change      func(*Member)
		field, code string
	}{
		{"every stage, on time", func(*Member) {}, "", ""},
		{"applicant only", func(m *Member) { *m = Member{Applied: "2023-01-01"} }, "", ""},
		{"activist year short", func(m *Member) { m.Candidate = "2021-02-28" }, "candidate", CodeMemberActivistYear},
		{"probation short", func(m *Member) { m.Full = "2022-05-31" }, "full", CodeMemberProbationYear},
		{"candidate without activist", func(m *Member) { m.Activist = "" }, "candidate", CodeMemberStageMissing},
		{"full without probation", func(m *Member) { m.Probationary = "" }, "full", CodeMemberStageMissing},
		{"activist before applying", func(m *Member) { m.Activist = "2019-12-31" }, "activist", CodeMemberStageOrder},
		{"probationary before candidate", func(m *Member) { m.Probationary = "2021-02-01" }, "probationary", CodeMemberStageOrder},
		{"seventeen on applying", func(m *Member) { m.Birth = "2002-01-11" }, "applied", CodeMemberAge},
		{"eighteen that day", func(m *Member) { m.Birth = "2002-01-10" }, "", ""},
		{"born 29 February, 18 on 28 February", func(m *Member) {
			*m = Member{Birth: "2004-02-29", Applied: "2022-02-28"}
		}, "", ""},
		{"born 29 February, a day short", func(m *Member) {
			*m = Member{Birth: "2004-02-29", Applied: "2022-02-27"}
		}, "applied", CodeMemberAge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := full
			tc.change(&m)
			ps := CheckMemberStages(m)
			if tc.code == "" {
				if len(ps) != 0 {
					t.Fatalf("problems %v, want none", ps)
				}
				return
			}
			if len(ps) != 1 {
				t.Fatalf("problems %v, want one", ps)
			}
			if got, want := ps[0].Field, tc.field; got != want {
				t.Errorf("field = %q, want %q", got, want)
			}
			if got, want := ps[0].Code, tc.code; got != want {
				t.Errorf("code = %q, want %q", got, want)
			}
		})
	}
}

func TestParseMoney(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Money
		code string
	}{
		{"1200.5", 120050, ""},
		{"1200.50", 120050, ""},
		{"1200.500", 120050, ""}, // trailing zeros are not decimals of value
		{"0.05", 5, ""},
		{"0", 0, ""},
		{"-0", 0, ""},
		{"1e2", 10000, ""},
		{"1.5E-1", 15, ""},
		{"12", 1200, ""},
		{"1.005", 0, CodeMoney},
		{"1e-3", 0, CodeMoney},
		{"-1", 0, CodeNegative},
		{"abc", 0, CodeMoney},
		{"", 0, CodeMoney},
		{"1e40", 0, CodeMoney},
		{"99999999999999999999", 0, CodeMoney},
	} {
		got, p := ParseMoney("market_cost", tc.in)
		code := ""
		if p != nil {
			code = p.Code
		}
		if got != tc.want || code != tc.code {
			t.Errorf("ParseMoney(%q) = %d, %q; want %d, %q", tc.in, got, code, tc.want, tc.code)
		}
	}
	for m, want := range map[Money]string{120050: "1200.5", 100: "1", 5: "0.05", 0: "0", 123456789: "1234567.89", 10: "0.1"} {
		if got := m.String(); got != want {
			t.Errorf("Money(%d) = %q, want %q", int64(m), got, want)
		}
	}
}

func TestProblemString(t *testing.T) {
	p := Problem{Collection: "members", Index: 3, ID: "m3", Field: "candidate", Code: CodeMemberActivistYear,
		Message: "确定为发展对象须在列为入党积极分子满一年之后（2023-01-05 → 2023-06-01 不足一年；最早可在 2024-01-05 确定）"}
	want := "党员发展（members）第 3 条（id: m3）字段 candidate：确定为发展对象须在列为入党积极分子满一年之后（2023-01-05 → 2023-06-01 不足一年；最早可在 2024-01-05 确定）[member_activist_year]"
	if got := p.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
	doc := Problem{Field: "format", Code: CodeFormat, Message: "不对"}
	if got, want := doc.String(), "文件字段 format：不对[format]"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestValidateJointBranch(t *testing.T) {
	o := Organization{ID: "o1", Name: "联合党支部", Kind: "joint_branch", Formed: "2023-05-01", Enterprises: []string{"e1"}}
	ps := o.Validate()
	if len(ps) != 1 || ps[0].Code != CodeJointBranchSize || ps[0].Field != "enterprises" {
		t.Fatalf("problems %v, want one joint_branch_size on enterprises", ps)
	}
	o.Enterprises = append(o.Enterprises, "e2")
	if ps := o.Validate(); len(ps) != 0 {
		t.Errorf("two enterprises: problems %v, want none", ps)
	}
	o.Kind = "branch"
	o.Enterprises = nil
	if ps := o.Validate(); len(ps) != 0 {
		t.Errorf("a branch with no enterprise listed: problems %v, want none", ps)
	}
}
