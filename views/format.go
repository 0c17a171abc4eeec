package views

import "strconv"

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Date writes an ISO date (2023-12-30) the Chinese way: 2023年12月30日.
func Date(iso string) string {
	if len(iso) != 10 || iso[4] != '-' || iso[7] != '-' {
		return iso
	}
	return iso[:4] + "年" + trimZero(iso[5:7]) + "月" + trimZero(iso[8:10]) + "日"
}

func trimZero(s string) string {
	if len(s) == 2 && s[0] == '0' {
		return s[1:]
	}
	return s
}
