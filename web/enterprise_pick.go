package web

import (
	"context"

	"parkportal/views"
)

// The enterprise picker: a typed name or id, suggested as typed.

// pickedEnterprises names what the pickers hold, for the form shown again.
func (s *Server) pickedEnterprises(ctx context.Context, typed []string, empty int) ([]views.PickedEnterprise, error) {
	names, err := s.store.EnterpriseNames(ctx, typed)
	if err != nil {
		return nil, err
	}
	out := make([]views.PickedEnterprise, 0, len(typed)+empty)
	for _, t := range typed {
		out = append(out, views.PickedEnterprise{Value: t, Name: names[t]})
	}
	for range empty {
		out = append(out, views.PickedEnterprise{})
	}
	return out, nil
}

// resolveEnterprise turns what one picker holds (an id or a full name)
// into the enterprise's id; what names none is left for the store to
// refuse.
func (s *Server) resolveEnterprise(ctx context.Context, picked *string) error {
	ids, err := s.store.EnterpriseIDsFor(ctx, []string{*picked})
	if err == nil {
		*picked = ids[0]
	}
	return err
}
