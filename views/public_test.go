package views

import "testing"

func TestNumbersInTheUsersWords(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Count(5, "个"), "5个"},
		{Count(12345, "人"), "12,345人"},
		{Percent(0.5), "50%"},
		{Percent(0.456), "46%"},
		{Yuan(1234550), "12,345.5元"},
		{Yuan(1205), "12.05元"},
		{Yuan(100), "1元"},
		{Wan(4019500), "4.0万"},
		{Wan(512300), "5123"},
		{Date("2023-12-30"), "2023年12月30日"},
		{Date("2023-01-05"), "2023年1月5日"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestEmblemTakesUpToFourCharacters(t *testing.T) {
	for name, want := range map[string]int{"锂电先锋": 4, "“红创未来”": 4, "科瑞": 2, "三个字": 2, "": 1, "党": 1, "红色动力舱": 4} {
		if got := len(NewEmblem(name).Chars); got != want {
			t.Errorf("NewEmblem(%q) has %d characters, want %d", name, got, want)
		}
	}
	if a, b := NewEmblem("锂电先锋"), NewEmblem("锂电先锋"); a.Shade != b.Shade || a.Round != b.Round {
		t.Error("the same name gives different seals")
	}
}

func TestChartAriaLabelHasEveryValue(t *testing.T) {
	c := BarChart{Title: "新组建党组织（个）", Bars: []Bar{{Label: "2022", Value: 6, Text: "6个"}, {Label: "2023", Value: 15, Text: "15个"}}}
	if got, want := c.AriaLabel(), "柱状图：新组建党组织（个）。2022 6个，2023 15个。"; got != want {
		t.Errorf("AriaLabel = %q, want %q", got, want)
	}
	bars := c.placed()
	if len(bars) != 2 || bars[1].H != "176" || bars[0].H != "70.4" {
		t.Errorf("placed = %+v", bars)
	}
}
