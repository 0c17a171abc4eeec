package web

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// The public search: /search?q=党课 finds the published activities,
// brands, enterprises, social responsibility records and report years
// that hold every word of the query (store/public_search.go), grouped by
// kind, newest first; &kind=activity pages one kind.

const (
	searchGroupSize = 5  // results per kind on the grouped page
	searchPageSize  = 20 // results per page of one kind
	maxSearchQuery  = 100
	excerptRunes    = 80
	maxSearchPage   = (store.SearchCountCap + searchPageSize - 1) / searchPageSize
)

// searchKinds are the kinds' slugs and headings, by store kind.
var searchKinds = map[int]struct{ slug, heading string }{
	store.SearchActivity:       {"activity", "活动"},
	store.SearchBrand:          {"brand", "党建品牌"},
	store.SearchEnterprise:     {"enterprise", "企业"},
	store.SearchResponsibility: {"responsibility", "社会责任"},
}

// searchForm is the query as the page reads it.
type searchForm struct {
	Q    string
	Kind int // 0 for every kind, grouped
	Page int
}

func parseSearchForm(c echo.Context) searchForm {
	f := searchForm{Q: strings.TrimSpace(c.QueryParam("q")), Page: 1}
	if r := []rune(f.Q); len(r) > maxSearchQuery {
		f.Q = string(r[:maxSearchQuery])
	}
	if !utf8.ValidString(f.Q) {
		f.Q = strings.ToValidUTF8(f.Q, "")
	}
	for kind, k := range searchKinds {
		if c.QueryParam("kind") == k.slug {
			f.Kind = kind
		}
	}
	if f.Kind != 0 { // a kind's count stops at the cap, and so do its pages
		if p, err := strconv.Atoi(c.QueryParam("page")); err == nil && p > 1 && p <= maxSearchPage {
			f.Page = p
		}
	}
	return f
}

func (f searchForm) href(kind, page int) string {
	q := url.Values{"q": {f.Q}}
	if kind != 0 {
		q.Set("kind", searchKinds[kind].slug)
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	return "/search?" + q.Encode()
}

// searchKey keys the page cache by the normalised query.
func searchKey(c echo.Context) string {
	f := parseSearchForm(c)
	return f.href(f.Kind, f.Page)
}

// showSearchPage answers a search. Queries: for each kind, a count and a
// page of the index and the page's records; the report calendar for the
// report years. A query that finds nothing is served and not cached; a
// page of a kind past its last is 404. No search page is for search
// engines: their titles repeat whatever a link asks.
func (s *Server) showSearchPage(c echo.Context) (publicPage, error) {
	f := parseSearchForm(c)
	v := views.SearchView{Q: f.Q}
	pp := publicPage{Title: "搜索", Description: "搜索园区公开发布的活动、党建品牌、企业、社会责任记录和年度报告。", NoIndex: true}
	terms := store.SearchTerms(f.Q)
	if len(terms) == 0 {
		v.Empty = f.Q != ""
		pp.NoStore = v.Empty
		pp.Content = views.SearchPage(v)
		return pp, nil
	}
	pp.Title = "“" + f.Q + "”的搜索结果"
	kinds, offset, limit := store.SearchKinds, 0, searchGroupSize
	if f.Kind != 0 {
		kinds, offset, limit = []int{f.Kind}, (f.Page-1)*searchPageSize, searchPageSize
	}
	ctx := c.Request().Context()
	pages, err := s.store.PublicSearch(ctx, terms, kinds, offset, limit)
	if err != nil {
		return publicPage{}, err
	}
	for _, p := range pages {
		if f.Kind != 0 && p.Count > 0 && len(p.Hits) == 0 {
			return publicPage{}, echo.ErrNotFound
		}
		if p.Count == 0 {
			continue
		}
		k := searchKinds[p.Kind]
		g := views.SearchGroup{Heading: k.heading, TestID: "search-" + k.slug, Count: searchCount(p)}
		if p.More {
			g.Note = "结果较多，只列出最新的" + strconv.Itoa(store.SearchCountCap) + "条；再加一个词可以缩小范围。"
		}
		for _, h := range p.Hits {
			g.Hits = append(g.Hits, searchHit(h, terms))
		}
		if f.Kind == 0 && p.Count > len(p.Hits) {
			g.MoreHref = f.href(p.Kind, 1)
		}
		if f.Kind != 0 {
			g.Pager = pager(f.Page, (p.Count+searchPageSize-1)/searchPageSize, func(n int) string { return f.href(f.Kind, n) })
		}
		v.Groups = append(v.Groups, g)
	}
	if f.Kind == 0 {
		cal, err := s.store.ReportCalendar(ctx)
		if err != nil {
			return publicPage{}, err
		}
		if g := reportYearHits(cal, terms); len(g.Hits) > 0 {
			v.Groups = append(v.Groups, g)
		}
	} else {
		v.AllHref = f.href(0, 1)
	}
	v.Empty = len(v.Groups) == 0
	pp.NoStore = v.Empty
	pp.Content = views.SearchPage(v)
	return pp, nil
}

func searchCount(p store.SearchPage) string {
	if p.More {
		return strconv.Itoa(p.Count) + "条以上"
	}
	return strconv.Itoa(p.Count) + "条"
}

// searchHit is one result as the page shows it: a link, the date, what
// kind of record it is and where it belongs, and an excerpt with the
// query's words marked.
func searchHit(h store.SearchHit, terms []string) views.SearchHit {
	out := views.SearchHit{Title: h.Title, Date: views.Date(h.Date), DateISO: h.Date, Excerpt: excerpt(h.Text, terms)}
	switch h.Kind {
	case store.SearchActivity:
		out.Href = activityHref(h.ID)
		out.Meta = programTitle(h.Extra)
		if h.Label != "" {
			out.Meta += " · " + h.Label
		}
	case store.SearchBrand:
		out.Href, out.Meta = brandHref(h.ID), h.Label
	case store.SearchResponsibility:
		out.Href, out.Meta = enterpriseHref(h.Ref), responsibilityKindName(h.Extra)
	case store.SearchEnterprise:
		out.Href, out.Meta = enterpriseHref(h.Ref), stageName(h.Extra)+"企业"
		if h.Date != "" {
			out.Date = "成立于" + out.Date
		}
	}
	return out
}

// reportYearHits are the years whose annual report's title holds every
// term: 2023 or 年度报告 finds them.
func reportYearHits(cal store.ReportCalendar, terms []string) views.SearchGroup {
	g := views.SearchGroup{Heading: "年度报告", TestID: "search-report"}
	for i := len(cal.Years) - 1; i >= 0; i-- {
		y := cal.Years[i]
		name := yearName(cal, y)
		title := name.Of("园区党建工作报告")
		text := title + " " + views.Year(y) + "年度报告 年报"
		if !containsAll(text, terms) {
			continue
		}
		g.Hits = append(g.Hits, views.SearchHit{Href: "/reports/" + strconv.Itoa(y), Title: title, Excerpt: []views.TextPart{{Text: "园区全年党建工作主要数据，可打印，可下载 JSON 和 CSV。"}}})
	}
	g.Count = strconv.Itoa(len(g.Hits)) + "条"
	return g
}

func containsAll(text string, terms []string) bool {
	lower := strings.ToLower(text)
	for _, t := range terms {
		if !strings.Contains(lower, strings.ToLower(t)) {
			return false
		}
	}
	return true
}

// excerpt cuts about excerptRunes characters of text around the first
// term found and marks every term in them.
func excerpt(text string, terms []string) []views.TextPart {
	text = strings.Join(strings.Fields(strings.ReplaceAll(text, "**", "")), " ") // a story's bold marks

	runes := []rune(text)
	lower := []rune(strings.ToLower(text))
	if len(lower) != len(runes) { // a case mapping that changes lengths: no marks
		lower = runes
	}
	mark := make([]bool, len(runes))
	first := -1
	for _, t := range terms {
		tr := []rune(strings.ToLower(t))
		for i := 0; i+len(tr) <= len(lower); i++ {
			if string(lower[i:i+len(tr)]) == string(tr) {
				for j := i; j < i+len(tr); j++ {
					mark[j] = true
				}
				if first < 0 || i < first {
					first = i
				}
			}
		}
	}
	start := 0
	if first > excerptRunes/3 {
		start = min(first-excerptRunes/3, max(len(runes)-excerptRunes, 0))
	}
	end := min(start+excerptRunes, len(runes))
	var out []views.TextPart
	if start > 0 {
		out = append(out, views.TextPart{Text: "…"})
	}
	for i := start; i < end; {
		j := i
		for j < end && mark[j] == mark[i] {
			j++
		}
		out = append(out, views.TextPart{Text: string(runes[i:j]), Mark: mark[i]})
		i = j
	}
	if end < len(runes) {
		out = append(out, views.TextPart{Text: "…"})
	}
	return out
}
