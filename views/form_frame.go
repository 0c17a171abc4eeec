package views

import "strings"

// FormFrame is what every ledger form shares around its fields: where it
// posts, its heading and way back, the problems found at its fields, the
// CSRF token, the version it was opened on (with what changed since,
// after a conflict), and its fields' labels.
type FormFrame struct {
	Action    string
	Heading   string
	CancelURL string
	Errors    Errors
	CSRF      string
	Edit
	// Label is a field's Chinese name from the store's one table, so that
	// a clerk's form and a secretary's name a field alike.
	Label func(field string) string
	// Preview: the form comes back from its 预览 button, as typed and
	// unsaved, showing its story as the public page will.
	Preview bool
}

// Optional marks a form label as not required: 品牌口号（选填）, and inside
// a label's own brackets, 市场价（元，选填）.
func Optional(label string) string {
	if strings.HasSuffix(label, "）") {
		return strings.TrimSuffix(label, "）") + "，选填）"
	}
	return label + "（选填）"
}
