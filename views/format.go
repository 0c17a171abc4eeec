package views

import (
	"strconv"
	"time"
)

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

// DateTime writes an RFC 3339 UTC stamp as China's time: 2023年12月30日 14:05.
func DateTime(rfc3339 string) string {
	t, err := time.Parse(time.RFC3339, rfc3339)
	if err != nil {
		return rfc3339
	}
	return Timestamp(t)
}

// Timestamp writes a moment in China's time: 2023年12月30日 14:05.
func Timestamp(t time.Time) string {
	return t.In(chinaTime).Format("2006年1月2日 15:04")
}

// chinaTime is the park's clock (UTC+8, no daylight saving).
var chinaTime = time.FixedZone("CST", 8*3600)
