package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// ledgerQuery is a smaller ledger's query as parsed: the search text, the
// filters that survived their ledger's checks, the sort and the page. Each
// ledger's handler checks its own filters (listed in keys, in the order
// the address carries them) and builds its tags; this keeps the addresses
// and the pager alike everywhere.
type ledgerQuery struct {
	path   string
	keys   []string
	values map[string]string
	Query  string
	Sort   string
	Page   int
}

// parseLedgerQuery reads q, sort and page; filters are added with set.
func parseLedgerQuery(c echo.Context, path string, sorts []string) ledgerQuery {
	q := ledgerQuery{path: path, values: map[string]string{}, Query: strings.TrimSpace(c.QueryParam("q")), Page: 1}
	if len([]rune(q.Query)) > 100 {
		q.Query = string([]rune(q.Query)[:100])
	}
	if s := c.QueryParam("sort"); slices.Contains(sorts, strings.TrimPrefix(s, "-")) {
		q.Sort = s
	}
	if n, err := strconv.Atoi(c.QueryParam("page")); err == nil && n > 1 && n < 1_000_000 {
		q.Page = n
	}
	return q
}

// set keeps a filter's value; "" leaves it out.
func (q *ledgerQuery) set(key, value string) {
	if !slices.Contains(q.keys, key) {
		q.keys = append(q.keys, key)
	}
	q.values[key] = value
}

// choice keeps the filter key when its value is one of choices.
func (q *ledgerQuery) choice(c echo.Context, key string, choices []store.Choice) string {
	v := c.QueryParam(key)
	if !slices.ContainsFunc(choices, func(ch store.Choice) bool { return ch.Value == v }) {
		v = ""
	}
	q.set(key, v)
	return v
}

// year keeps the filter key when it is a plausible year.
func (q *ledgerQuery) year(c echo.Context, key string) int {
	y, err := strconv.Atoi(c.QueryParam(key))
	if err != nil || y < 1900 || y > 9999 {
		q.set(key, "")
		return 0
	}
	q.set(key, strconv.Itoa(y))
	return y
}

// text keeps the filter key as typed, bounded.
func (q *ledgerQuery) text(c echo.Context, key string) string {
	v := strings.TrimSpace(c.QueryParam(key))
	if len(v) > 200 {
		v = ""
	}
	q.set(key, v)
	return v
}

// href is the list with this query on page.
func (q ledgerQuery) href(page int) string {
	v := url.Values{}
	if q.Query != "" {
		v.Set("q", q.Query)
	}
	for _, k := range q.keys {
		if q.values[k] != "" {
			v.Set(k, q.values[k])
		}
	}
	if q.Sort != "" {
		v.Set("sort", q.Sort)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return q.path
	}
	return q.path + "?" + v.Encode()
}

// without is the query with a filter removed ("q" for the search).
func (q ledgerQuery) without(key string) ledgerQuery {
	out := q
	out.values = map[string]string{}
	for k, v := range q.values {
		out.values[k] = v
	}
	if key == "q" {
		out.Query = ""
	} else {
		out.values[key] = ""
	}
	return out
}

// sortLink is a column header sorting by key: ascending, descending, off.
func (q ledgerQuery) sortLink(label, key string) views.SortLink {
	l := views.SortLink{Label: label}
	next := q
	switch q.Sort {
	case key:
		l.State, next.Sort = "ascending", "-"+key
	case "-" + key:
		l.State, next.Sort = "descending", ""
	default:
		next.Sort = key
	}
	l.URL = next.href(1)
	return l
}

// tags are the filters in force as removable tags; label names a filter's
// value in words.
func (q ledgerQuery) tags(label func(key, value string) string) []views.FilterTag {
	var out []views.FilterTag
	if q.Query != "" {
		out = append(out, views.FilterTag{Label: "搜索：“" + q.Query + "”", RemoveURL: q.without("q").href(1)})
	}
	for _, k := range q.keys {
		if v := q.values[k]; v != "" {
			out = append(out, views.FilterTag{Label: label(k, v), RemoveURL: q.without(k).href(1)})
		}
	}
	return out
}

// hidden is what the filter form must carry beyond its own fields.
func (q ledgerQuery) hidden(formFields ...string) []views.Hidden {
	var out []views.Hidden
	if q.Sort != "" {
		out = append(out, views.Hidden{Name: "sort", Value: q.Sort})
	}
	for _, k := range q.keys {
		if q.values[k] != "" && !slices.Contains(formFields, k) {
			out = append(out, views.Hidden{Name: k, Value: q.values[k]})
		}
	}
	return out
}

// pages is how many pages total rows fill, and whether the query's page is
// one of them.
func (q ledgerQuery) pages(total int) (int, bool) {
	pages := max(1, (total+ledgerPageSize-1)/ledgerPageSize)
	return pages, q.Page <= pages
}

// title is a list's title with its page.
func (q ledgerQuery) title(heading string, pages int) string {
	if pages > 1 {
		return heading + "（第" + strconv.Itoa(q.Page) + "页，共" + strconv.Itoa(pages) + "页）"
	}
	return heading
}

// yearOptions are the years from latest back to earliest as select options.
func yearOptions(latest, earliest, selected int) []views.Option {
	var out []views.Option
	for y := latest; y >= earliest && y > 0; y-- {
		out = append(out, views.Option{Value: strconv.Itoa(y), Label: views.Year(y), Selected: y == selected})
	}
	return out
}
