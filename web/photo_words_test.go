package web

import "testing"

// A filing's photos read as a count and what changed, never as numbers.
func TestPhotoWords(t *testing.T) {
	for _, c := range []struct {
		logo     bool
		old, now []string
		want     string
	}{
		{false, nil, []string{"7", "9"}, "共 2 张"},
		{false, []string{"7", "9"}, []string{"7", "9"}, "共 2 张"},
		{false, []string{"7", "9"}, []string{"7", "11", "12"}, "共 3 张（新增 2 张，去掉 1 张）"},
		{false, []string{"7"}, []string{}, "无（去掉 1 张）"},
		{false, nil, nil, ""},
		{true, nil, []string{"7"}, "已上传"},
		{true, []string{"7"}, []string{"8"}, "已更换"},
		{true, []string{"7"}, nil, "已去掉"},
	} {
		if got := photoWords(c.logo, c.old, c.now); got != c.want {
			t.Errorf("photoWords(%v, %q, %q) = %q, want %q", c.logo, c.old, c.now, got, c.want)
		}
	}
}
