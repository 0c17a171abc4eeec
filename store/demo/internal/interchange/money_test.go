package interchange

import "testing"

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
