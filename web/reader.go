package web

import (
	"slices"
	"strconv"
	"strings"

	"parkportal/store"
	"parkportal/views"
)

// A district's user reads the parks' ledgers that are not of people
// (views.ReaderLedgers), read-only: the ledger engine's pages go through
// readerRecord and readerList, which take away what changes records and
// what names a person. The crawl in TestDistrictSeesNoMembersName holds
// them to it.

// personalFields are the fields of the readable ledgers that name a
// person: an organisation's secretary.
var personalFields = map[store.Collection][]string{
	store.Organizations: {"secretary"},
}

// readerRecord is a record's page as a district's user reads it: no
// change offered, no history (it names who changed what), no field that
// names a person, and of what relates to the record, only what a reader
// may follow; lists of people (两员, members) become their counts.
func readerRecord(collection store.Collection, v *views.StaffRecord) {
	v.EditURL, v.DeleteURL, v.History = "", "", nil
	var personal []string
	for _, f := range personalFields[collection] {
		personal = append(personal, store.FieldLabel(collection, f))
	}
	v.Summary = slices.DeleteFunc(v.Summary, func(r views.SummaryRow) bool { return slices.Contains(personal, r.Label) })
	for i := range v.Related {
		l := &v.Related[i]
		l.AddURL, l.AddText = "", ""
		if slices.ContainsFunc(l.Items, func(it views.RelatedItem) bool { return !readerMayFollow(it.Href) }) {
			l.Items = nil
			l.Empty = "共 " + strconv.Itoa(l.Count) + " 条（个人信息，区级不查看明细）"
			if l.Count == 0 {
				l.Empty = "没有记录。"
			}
		}
	}
}

// readerMayFollow says whether a district's user may follow a link of
// the workspace: to a ledger they read, its list (with a query) or one of
// its records, or off the workspace.
func readerMayFollow(href string) bool {
	if !strings.HasPrefix(href, "/workbench") {
		return true
	}
	path, _, _ := strings.Cut(href, "?")
	if views.ReaderLedgers[path] {
		return true
	}
	i := strings.LastIndexByte(path, '/')
	return i > 0 && views.ReaderLedgers[path[:i]] && path[i+1:] != "new" && path[i+1:] != "upload"
}
