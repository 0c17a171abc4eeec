package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// What every form shares: reading typed values, putting the store's
// problems at their fields, and the outcome of a save.

// formErrors puts a refusal's problems at their fields, each message led by
// the field's label from the store's one table, in the form's order.
func formErrors(collection store.Collection, ps []store.Problem) views.Errors {
	order := formFieldOrder(collection)
	rank := func(field string) int {
		if i := strings.IndexAny(field, "[."); i >= 0 { // a list entry: stage_history[2].since
			field = field[:i]
		}
		if i := slices.Index(order, field); i >= 0 {
			return i
		}
		return len(order)
	}
	ps = slices.Clone(ps)
	slices.SortStableFunc(ps, func(a, b store.Problem) int { return rank(a.Field) - rank(b.Field) })
	var errs views.Errors
	for _, p := range ps {
		fe := views.FieldError{Field: p.Field, Message: store.FieldLabel(collection, p.Field) + "：" + p.ClerkMessage()}
		fe.Link, fe.LinkText = existingRecordLink(collection, p)
		errs = append(errs, fe)
	}
	return errs
}

// formFieldOrder is the form's fields of collection c from top to bottom,
// as its ledger registered them with the engine (staffLedgers), so that
// the error summary lists problems in the order the clerk meets the
// fields; a secretary's filing of the kind follows it too.
func formFieldOrder(c store.Collection) []string {
	for _, l := range staffLedgers {
		if l.kind() == c {
			return l.formOrder()
		}
	}
	return nil
}

// existingRecordLink is the staff page of the record a problem says the
// value would repeat (a credit code, a name, an organisation's brand), and
// the words of a link to it; "" when the problem names none.
func existingRecordLink(collection store.Collection, p store.Problem) (href, text string) {
	if p.Existing == "" {
		return "", ""
	}
	switch p.Code {
	case store.CodeDuplicateCreditCode, store.CodeDuplicateName:
		switch collection {
		case "enterprises":
			return staffEnterpriseHref(p.Existing), "查看该企业"
		case "organizations":
			return staffOrganizationHref(p.Existing), "查看该党组织"
		}
	case store.CodeDuplicateBrand:
		if key, err := strconv.ParseInt(p.Existing, 10, 64); err == nil {
			return staffBrandHref(key), "查看该品牌"
		}
	}
	return "", ""
}

// otherProblems are the rules' problems except at the fields the form
// could not read (which already have theirs).
func otherProblems(ps []store.Problem, unread ...string) []store.Problem {
	var out []store.Problem
	for _, p := range ps {
		keep := true
		for _, f := range unread {
			keep = keep && p.Field != f
		}
		if keep {
			out = append(out, p)
		}
	}
	return out
}

// countField reads a whole number typed in a form; a blank required one
// is left to the rules (they say it is missing).
func countField(field, typed string, required bool, hint string) (*int, []store.Problem) {
	if typed == "" {
		if required {
			return nil, []store.Problem{{Field: field, Code: store.CodeRequired, Message: "缺少必填内容"}}
		}
		return nil, nil
	}
	n, err := strconv.Atoi(typed)
	if err != nil {
		return nil, []store.Problem{{Field: field, Code: store.CodeInteger, Message: hint}}
	}
	return &n, nil
}

// repeatedValues are a repeated field's filled-in values, at most 100.
func repeatedValues(in []string) []string {
	var out []string
	for _, v := range in {
		if v = strings.TrimSpace(v); v != "" && len(out) < 100 {
			out = append(out, v)
		}
	}
	return out
}

// saveOutcome turns a save's result into the form's next step: the
// record's page (303), the form again with the problems (ok false), or an
// error.
func saveOutcome(c echo.Context, err error, href string) (problems []store.Problem, done bool, _ error) {
	var refused *store.RecordError
	switch {
	case err == nil:
		return nil, true, c.Redirect(http.StatusSeeOther, href+"?done=saved")
	case errors.Is(err, store.ErrNotFound):
		return nil, true, echo.ErrNotFound
	case errors.As(err, &refused):
		return refused.Problems, false, nil
	}
	return nil, true, err
}

// formTitle is a form page's title, marked when it comes back with errors
// or a conflict.
func formTitle(heading string, errs views.Errors, edit views.Edit) string {
	if len(errs) > 0 || edit.Conflict != nil {
		return "错误：" + heading
	}
	return heading
}

// labelsOf is the label table's names of collection's fields, as every
// form, staff or secretary, shows them.
func labelsOf(collection store.Collection) func(field string) string {
	return func(field string) string { return store.FieldLabel(collection, field) }
}

// clip shortens a long text for a ledger's cell or a message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// dash shows an empty value as a dash.
func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// options turns choices into select options with value selected.
func options(choices []store.Choice, value string) []views.Option {
	out := make([]views.Option, len(choices))
	for i, ch := range choices {
		out[i] = views.Option{Value: ch.Value, Label: ch.Label, Selected: ch.Value == value}
	}
	return out
}
