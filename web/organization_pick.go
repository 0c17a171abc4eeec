package web

import (
	"context"
	"strings"

	"parkportal/store"
	"parkportal/views"
)

// Party organisations are chosen by typing, in forms and ledger filters
// alike (views.OrganizationPicker): the suggestions as the clerk types, and
// without JavaScript the full name or the id. A page no longer lists every
// organisation of the park.

// organizationPicked is what a picker's text came to: the organisation it
// names, or else the organisations it could mean (none, one, several).
type organizationPicked struct {
	ID, Name   string // "" unless found
	typed      string
	Candidates []store.OrganizationChoice
	more       bool
}

// pickOrganization resolves text typed in an organisation picker.
func (s *Server) pickOrganization(ctx context.Context, typed string) (organizationPicked, error) {
	typed = strings.TrimSpace(typed)
	p, err := s.store.PickOrganization(ctx, typed)
	if err != nil {
		return organizationPicked{}, err
	}
	return organizationPicked{ID: p.Found.ID, Name: p.Found.Name, typed: typed, Candidates: p.Candidates, more: p.More}, nil
}

// missed reports whether text was typed that names no organisation.
func (p organizationPicked) missed() bool { return p.typed != "" && p.ID == "" }

// quoted is the text as typed, shortened, in quotation marks.
func (p organizationPicked) quoted() string {
	if r := []rune(p.typed); len(r) > 30 {
		return "“" + string(r[:30]) + "…”"
	}
	return "“" + p.typed + "”"
}

// formProblem is the problem of a form's picker: the text names no
// organisation; the message names those it could mean.
func (p organizationPicked) formProblem(field string) *store.Problem {
	if !p.missed() {
		return nil
	}
	var msg string
	switch len(p.Candidates) {
	case 0:
		msg = "没有找到名称或编号为" + p.quoted() + "的党组织，请输入党组织的全称或编号"
	case 1:
		msg = "没有名称或编号为" + p.quoted() + "的党组织。是否要找“" + p.Candidates[0].Name + "”（编号 " + p.Candidates[0].ID + "）？请输入全称或编号"
	default:
		var names []string
		for _, c := range p.Candidates {
			names = append(names, c.Name+"（"+c.ID+"）")
		}
		more := ""
		if p.more {
			more = "等"
		}
		msg = p.quoted() + "对应多个党组织：" + strings.Join(names, "、") + more + "。请输入其中一个的全称或编号"
	}
	return &store.Problem{Field: field, Code: store.CodeUnknownReference, Message: msg}
}

// filterProblem is the problem of a ledger filter's picker, whose
// candidates follow it as links.
func (p organizationPicked) filterProblem() string {
	switch {
	case !p.missed():
		return ""
	case len(p.Candidates) == 0:
		return "没有找到名称或编号为" + p.quoted() + "的党组织，请检查后重新输入"
	case p.more:
		return "没有名称或编号为" + p.quoted() + "的党组织。名称或编号含有它的党组织较多，以下是其中几个；输入更多的字可缩小范围："
	}
	return "没有名称或编号为" + p.quoted() + "的党组织。名称或编号含有它的是："
}

// resolveOrganization turns the text typed in a form's organisation
// picker into the organisation's id, in place; text that names none (or
// several) stays as typed and its problem is returned for the field.
func (s *Server) resolveOrganization(ctx context.Context, field string, typed *string) (*store.Problem, error) {
	p, err := s.pickOrganization(ctx, *typed)
	if err != nil {
		return nil, err
	}
	if p.ID != "" {
		*typed = p.ID
	}
	return p.formProblem(field), nil
}

// organizationPicker is a form's picker holding value: the organisation's
// name when value is its id (or name), else value as typed.
func (s *Server) organizationPicker(ctx context.Context, field, label, value string) (views.OrganizationPicker, error) {
	v := views.OrganizationPicker{Field: field, Label: label, Value: value}
	p, err := s.store.PickOrganization(ctx, value)
	if err != nil {
		return v, err
	}
	if p.Found.ID != "" {
		v.Value = p.Found.Name
	}
	return v, nil
}

// organizationFilter is a ledger's filter by organisation (query key):
// text that names one filters by its id, kept in the query's links, and
// the tag shows its name; text that names none filters nothing and comes
// back at the field as typed, with the organisations it could mean as
// links that apply them.
type organizationFilter struct {
	ID, Name string
	Filter   views.SelectFilter
}

func (s *Server) organizationFilter(ctx context.Context, q *ledgerQuery, key, label string) (organizationFilter, error) {
	typed := q.values[key]
	p, err := s.pickOrganization(ctx, typed)
	if err != nil {
		return organizationFilter{}, err
	}
	picker := &views.OrganizationPicker{Field: key, Label: label, Value: typed, Error: p.filterProblem()}
	if p.ID != "" {
		picker.Value = p.Name
	}
	q.set(key, p.ID)
	for _, c := range p.Candidates {
		picker.Candidates = append(picker.Candidates, views.Link{Href: q.with(key, c.ID).href(1), Label: c.Name})
	}
	return organizationFilter{ID: p.ID, Name: p.Name, Filter: views.SelectFilter{Name: key, Label: label, Picker: picker}}, nil
}

// with is the query with a filter set to value.
func (q ledgerQuery) with(key, value string) ledgerQuery {
	out := q.without(key)
	out.values[key] = value
	return out
}
