package views

// FormFrame is what every ledger form shares around its fields: where it
// posts, its heading and way back, the problems found at its fields, the
// CSRF token, and the version it was opened on (with what changed since,
// after a conflict).
type FormFrame struct {
	Action    string
	Heading   string
	CancelURL string
	Errors    Errors
	CSRF      string
	Edit
}
