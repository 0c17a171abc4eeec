package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"path/filepath"
	"time"

	"parkportal/store"
	"parkportal/store/demo"
)

// parkSizes make the synthetic park a district's: 10 activities and 3
// members per enterprise (100,000 and 30,000 for 10,000 enterprises).
var parkSizes = demo.Sizes{MembersPerEnterprise: 3, ActivitiesPerEnterprise: 10}

// smallParkSizes is the park the pages' cost is compared with: the same
// enterprises and members, a tenth of the activities (10,000).
var smallParkSizes = demo.Sizes{MembersPerEnterprise: 3, ActivitiesPerEnterprise: 1}

// park is a synthetic park in a database of its own, with the accounts
// the harness signs in with.
type park struct {
	db          string
	enterprises int
	activities  int
	members     int
	password    string   // bench-staff's and bench-admin's
	routes      []string // the portal's GET routes (portalRoutes)
	// site is where its public site lives: "" in a portal of one park,
	// /parks/{park} in a district's (web's public_site.go).
	site string
	// secretaryEnts is an enterprise of each secretary's organisation
	// (secretaryNamePattern, 0 first), for the filings they post.
	secretaryEnts []string
	secretaryOrgs []string // and the organisations
}

const (
	staffName = "bench-staff"
	adminName = "bench-admin"
)

// parkSetup is what a park is made with.
type parkSetup struct {
	enterprises int
	seed        int64
	sizes       demo.Sizes
	secretaries int // accounts of organisations covering an enterprise
	filings     int // activities filed for review by the first secretary's organisation
	// others are the district's other parks, each of the same size and
	// sizes (its own seed): the measured park is the first of a district,
	// and its pages must not pay for the others' records.
	others int
}

// makePark generates a synthetic park, imports it into a fresh database
// in dir and adds the accounts: staff, an administrator and the
// secretaries, the filings waiting for review and one draft (a filing its
// secretary can still edit).
func makePark(ctx context.Context, dir string, p parkSetup, logf func(string, ...any)) (park, error) {
	start := time.Now()
	var doc bytes.Buffer
	if err := demo.GenerateSized(&doc, p.enterprises, p.seed, p.sizes); err != nil {
		return park{}, fmt.Errorf("generating the park: %w", err)
	}
	logf("generated a park of %d enterprises, %d activities (%.1f MB) in %s", p.enterprises, p.enterprises*p.sizes.ActivitiesPerEnterprise,
		float64(doc.Len())/1e6, time.Since(start).Round(time.Millisecond))

	out := park{db: filepath.Join(dir, "portal.db"), enterprises: p.enterprises, activities: p.enterprises * p.sizes.ActivitiesPerEnterprise,
		members: p.enterprises * p.sizes.MembersPerEnterprise, password: rand.Text()}
	s, err := store.Open(ctx, out.db)
	if err != nil {
		return park{}, err
	}
	defer s.Close()
	imported, err := s.Import(ctx, &doc, store.ImportOptions{})
	if err != nil {
		return park{}, fmt.Errorf("importing the park: %w", err)
	}
	for i := range p.others {
		began := time.Now()
		other, err := s.AddPark(ctx, store.Actor{Username: "loadbench"}, store.ParkInfo{Slug: fmt.Sprintf("bench-%d", i+2), Name: fmt.Sprintf("基准园区 %d", i+2)})
		if err != nil {
			return park{}, err
		}
		doc.Reset()
		if err := demo.GeneratePark(&doc, p.enterprises, p.seed+int64(i)+1, store.Park{Name: other.Name}, p.sizes); err != nil {
			return park{}, err
		}
		if _, err := s.Import(store.WithPark(ctx, other.ID), &doc, store.ImportOptions{}); err != nil {
			return park{}, fmt.Errorf("importing park %s: %w", other.Slug, err)
		}
		if err := fileReturn(store.WithPark(ctx, other.ID), s); err != nil {
			return park{}, err
		}
		logf("imported the district's park %d of %d (%d enterprises) in %s", i+2, p.others+1, p.enterprises, time.Since(began).Round(time.Millisecond))
	}
	for _, u := range []store.NewUser{{Username: staffName, Role: store.RoleStaff}, {Username: adminName, Role: store.RoleAdmin}} {
		u.Password = out.password
		if _, err := s.CreateUser(ctx, store.Actor{Username: "loadbench"}, u); err != nil {
			return park{}, err
		}
	}
	filed := time.Now()
	if _, err := submitFilings(ctx, s, p.filings); err != nil {
		return park{}, fmt.Errorf("filing for review: %w", err)
	}
	if out.secretaryOrgs, out.secretaryEnts, err = addSecretaries(ctx, s, p.secretaries); err != nil {
		return park{}, err
	}
	if err := fileDraft(ctx, s); err != nil {
		return park{}, fmt.Errorf("filing a draft: %w", err)
	}
	if err := fileReturn(ctx, s); err != nil {
		return park{}, fmt.Errorf("filing the annual return: %w", err)
	}
	if out.routes, err = portalRoutes(s); err != nil {
		return park{}, err
	}
	if p.others > 0 {
		parks, err := s.Parks(ctx)
		if err != nil {
			return park{}, err
		}
		out.site = "/parks/" + parks[0].Slug
	}
	logf("imported %d records in %s; submitted %d filings for review in %s", imported.Total, imported.Duration.Round(time.Millisecond),
		p.filings, time.Since(filed).Round(time.Millisecond))
	return out, s.Close()
}

// fileReturn files the return of last year, so that its pages and files
// (/workbench/returns/:year/:file) and the district's link to them
// (/district/returns/:park/:year/:file) are there to measure.
func fileReturn(ctx context.Context, s *store.Store) error {
	_, err := s.FileReturn(ctx, store.Actor{Username: "bench-staff"}, store.ReturnFiling{
		Year: s.Today().Year() - 1, Head: "基准负责人", Preparer: "基准填表人", Phone: "0731-28888888"})
	return err
}

// fileDraft saves one activity as a draft of the first secretary's
// organisation: the filing a secretary still edits (/org/filings/:id/edit).
func fileDraft(ctx context.Context, s *store.Store) error {
	org, ent, err := firstCoveringOrganization(ctx, s)
	if err != nil {
		return err
	}
	a := &store.ActivityFiling{Activity: store.Activity{Program: "incubation", Kind: "lecture",
		Title: "基准草稿活动", Date: time.Now().Format(time.DateOnly), Enterprises: []string{ent}, Summary: "草稿。"}}
	_, err = s.SaveFiling(ctx, store.Actor{Username: "bench-secretary"}, org, store.FilingSave{Kind: store.FilingActivity, Body: a})
	return err
}
