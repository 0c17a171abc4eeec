package web

import (
	"parkportal/views"
)

// Paging a ledger: its page size and its pager.

// ledgerPageSize is how many rows a ledger page shows.
const ledgerPageSize = 50

// pager links the pages around page of pages; href gives a page's address.
func pager(page, pages int, href func(int) string) views.Pager {
	p := views.Pager{Page: page, Pages: pages}
	if page > 1 {
		p.First, p.Prev = href(1), href(page-1)
	}
	if page < pages {
		p.Next, p.Last = href(page+1), href(pages)
	}
	return p
}

// exportHref is the spreadsheet of what a ledger's query shows.
func exportHref(q ledgerQuery) string {
	e := q
	e.path, e.Sort = q.path+".xlsx", q.Sort
	return e.href(1)
}
