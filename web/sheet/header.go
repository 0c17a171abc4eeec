package sheet

import "strings"

// headerSearch is how many rows from the top the header row may be: an
// export puts a title above it, and a clerk may add a line or two.
const headerSearch = 10

// FindHeader is the index in rows of the header row: the first of the
// top rows that has every required header. When none has them all, it is
// the row that has the most (the first non-empty row when none has any),
// and missing names the headers that row lacks.
func FindHeader(rows [][]string, required []string) (at int, missing []string) {
	best, bestFound := -1, -1
	for i, row := range rows[:min(len(rows), headerSearch)] {
		has := map[string]bool{}
		empty := true
		for _, c := range row {
			c = strings.TrimSpace(c)
			has[c], empty = true, empty && c == ""
		}
		if empty {
			continue
		}
		found := 0
		for _, h := range required {
			if has[h] {
				found++
			}
		}
		if found == len(required) {
			return i, nil
		}
		if found > bestFound {
			best, bestFound = i, found
		}
	}
	if best < 0 {
		return 0, required
	}
	has := map[string]bool{}
	for _, c := range rows[best] {
		has[strings.TrimSpace(c)] = true
	}
	for _, h := range required {
		if !has[h] {
			missing = append(missing, h)
		}
	}
	return best, missing
}
