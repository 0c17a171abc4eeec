package web

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"parkportal/store"
	"parkportal/store/demo"
	"parkportal/web/photo"
)

// The query-plan test's park: 10,000 enterprises as the load benchmark
// generates them (cmd/loadbench), every collection filled, with 2
// activities and 1 member each (20,000 and 10,000: enough for the far
// pages; SQLite plans without statistics, so the load benchmark's 10 and
// 3 would give the same plans at five times the import), and the
// accounts, filings and photo that the secretary's, the review's and the
// photo's pages need.
const (
	planParkEnterprises = 10_000
	planParkPassword    = "query-plan-password"
)

var planParkSizes = demo.Sizes{MembersPerEnterprise: 1, ActivitiesPerEnterprise: 2}

// The park is built once per test binary and kept as a database image
// (VACUUM INTO, read back): each test writes it to its own TempDir, so
// that nothing outlives the binary and no test sees another's changes.
var planPark struct {
	once  sync.Once
	image []byte
	err   error
}

// planParkFile writes the park to a new file in t's TempDir and returns
// its path.
func planParkFile(t *testing.T) string {
	t.Helper()
	planPark.once.Do(func() { planPark.image, planPark.err = buildPlanPark(t) })
	if planPark.err != nil {
		t.Fatalf("building the query-plan park: %v", planPark.err)
	}
	path := filepath.Join(t.TempDir(), "portal.db")
	if err := os.WriteFile(path, planPark.image, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func buildPlanPark(t *testing.T) ([]byte, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "portal-plan-park-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	var doc bytes.Buffer
	if err := demo.GenerateSized(&doc, planParkEnterprises, 1, planParkSizes); err != nil {
		return nil, err
	}
	s, err := store.Open(ctx, filepath.Join(dir, "portal.db"))
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if _, err := s.Import(ctx, &doc, store.ImportOptions{}); err != nil {
		return nil, err
	}
	plain, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "portal.db")+"?mode=ro")
	if err != nil {
		return nil, err
	}
	defer plain.Close()
	// The secretary's organisation covers an enterprise and has a member
	// who can take a next stage.
	var org, ent string
	if err := plain.QueryRowContext(ctx, `SELECT o.source_id, min(e.source_id) FROM organizations o
		JOIN organization_enterprises oe ON oe.organization_id = o.id JOIN enterprises e ON e.id = oe.enterprise_id
		WHERE EXISTS (SELECT 1 FROM members m WHERE m.organization_id = o.id AND m.full IS NULL)
		GROUP BY o.id ORDER BY o.id LIMIT 1`).Scan(&org, &ent); err != nil {
		return nil, fmt.Errorf("finding the secretary's organisation: %w", err)
	}
	admin := store.Actor{Username: "plan-admin"}
	for _, u := range []store.NewUser{
		{Username: "plan-staff", Role: store.RoleStaff},
		{Username: "plan-admin", Role: store.RoleAdmin},
		{Username: "plan-secretary", Role: store.RoleSecretary, Organization: org},
	} {
		u.Password = planParkPassword
		if _, err := s.CreateUser(ctx, admin, u); err != nil {
			return nil, err
		}
	}
	// A published activity with a photo (the photo's pages), one waiting
	// for review (the review page) and a draft (its edit form).
	p, err := photo.Process(ctx, []byte(testJPEG(t)))
	if err != nil {
		return nil, err
	}
	secretary := store.Actor{Username: "plan-secretary"}
	photoID, err := s.HoldPhoto(ctx, secretary, org, p, store.DefaultPhotoQuota)
	if err != nil {
		return nil, err
	}
	activity := func(title string, photos ...int64) *store.ActivityFiling {
		return &store.ActivityFiling{Activity: store.Activity{Program: "incubation", Kind: "lecture", Title: title,
			Date: "2024-12-01", Enterprises: []string{ent}, Summary: "查询计划测试。"}, Photos: photos}
	}
	published, err := s.SaveFiling(ctx, secretary, org, store.FilingSave{Kind: store.FilingActivity, Body: activity("查询计划 已发布", photoID), Submit: true})
	if err != nil {
		return nil, err
	}
	if _, err := s.PublishFiling(ctx, store.Actor{Username: "plan-staff"}, published.ID, published.Version, 0, nil); err != nil {
		return nil, err
	}
	if _, err := s.SaveFiling(ctx, secretary, org, store.FilingSave{Kind: store.FilingActivity, Body: activity("查询计划 待审核"), Submit: true}); err != nil {
		return nil, err
	}
	if _, err := s.SaveFiling(ctx, secretary, org, store.FilingSave{Kind: store.FilingActivity, Body: activity("查询计划 草稿")}); err != nil {
		return nil, err
	}
	image := filepath.Join(dir, "image.db")
	if err := s.Backup(ctx, image); err != nil {
		return nil, err
	}
	return os.ReadFile(image)
}
