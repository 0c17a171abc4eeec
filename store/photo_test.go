package store

import (
	"context"
	"errors"
	"parkportal/store/pgcluster"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// photoClock is a settable store clock.
type photoClock struct{ at time.Time }

func (c *photoClock) now() time.Time { return c.at }

func testPhoto(size int) Photo {
	return Photo{ContentType: "image/jpeg", Width: 2, Height: 1, Image: []byte("\xff\xd8" + strings.Repeat("p", size)), Thumb: []byte("\xff\xd8t")}
}

// photoIDs are the ids of the photos table, in order.
func photoIDsIn(t *testing.T, s *Store) []int64 {
	t.Helper()
	var ids []int64
	rows, err := s.read.Query(`SELECT id FROM photos ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

func heldIn(t *testing.T, s *Store, id int64) bool {
	t.Helper()
	var held bool
	if err := s.read.QueryRow(`SELECT EXISTS (SELECT 1 FROM photo_holds WHERE photo_id = ?)`, id).Scan(&held); err != nil {
		t.Fatal(err)
	}
	return held
}

// A photo is held from its upload; a refused filing leaves it held, a
// saved one keeps it. The sweep, once the hold is past, removes the
// photos nothing refers to (a refused form's, one a draft dropped) and
// keeps those a draft, a submitted version or a published record names.
func TestSweepRemovesOnlyPhotosNothingRefersTo(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	clock := &photoClock{at: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	s.SetClock(clock.now)
	hold := func() int64 {
		t.Helper()
		id, err := s.HoldPhoto(ctx, secretary4, "org-04", testPhoto(100), DefaultPhotoQuota)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	activity := func(photos ...int64) *ActivityFiling {
		return &ActivityFiling{Activity: Activity{Program: "incubation", Kind: "lecture", Title: "党课进车间", Date: "2023-05-06",
			Enterprises: []string{"ent-003"}}, Photos: photos}
	}
	refused, kept, dropped, versioned, published := hold(), hold(), hold(), hold(), hold()

	// A refused submission (no title) keeps nothing.
	a := activity(refused)
	a.Title = ""
	if _, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Body: a, Submit: true}); err == nil {
		t.Fatal("a submission without a title was saved")
	}
	if !heldIn(t, s, refused) {
		t.Fatal("a refused filing's photo is no longer held")
	}
	// A draft keeps two; the next save of it drops one.
	draft, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Body: activity(kept, dropped)})
	if err != nil {
		t.Fatal(err)
	}
	if heldIn(t, s, kept) || heldIn(t, s, dropped) {
		t.Fatal("a saved draft's photos are still held")
	}
	if _, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: draft.ID, Stamp: stampOf(t, s, draft.ID), Kind: FilingActivity, Body: activity(kept)}); err != nil {
		t.Fatal(err)
	}
	if !heldIn(t, s, dropped) {
		t.Fatal("a photo the draft dropped is not held again")
	}
	// A submitted version keeps its photo after the working copy drops it;
	// a published one too.
	sub, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Body: activity(versioned), Submit: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: sub.ID, Stamp: stampOf(t, s, sub.ID), Kind: FilingActivity, Body: activity()}); err != nil {
		t.Fatal(err)
	}
	if heldIn(t, s, versioned) {
		t.Fatal("a photo of a submitted version is held")
	}
	pub, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Body: activity(published), Submit: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PublishFiling(ctx, tester, pub.ID, 1, 0, nil); err != nil {
		t.Fatal(err)
	}

	// Within the hold nothing goes.
	clock.at = clock.at.Add(PhotoHold - time.Minute)
	young := hold()
	if n, err := s.SweepPhotos(ctx); err != nil || n != 0 {
		t.Fatalf("a sweep within the hold removed %d: %v", n, err)
	}
	clock.at = clock.at.Add(2 * time.Minute)
	n, err := s.SweepPhotos(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := photoIDsIn(t, s), []int64{kept, versioned, published, young}; !slices.Equal(got, want) {
		t.Fatalf("after the sweep the photos are %v, want %v (removed %d)", got, want, n)
	}
	entries, err := s.AuditEntries(ctx, AuditFilter{Collection: "photos"})
	if err != nil {
		t.Fatal(err)
	}
	if e := entries[0]; e.Action != ActionDelete || !strings.Contains(e.Title, "2 张") || e.Username != sweepActor.Username {
		t.Errorf("the sweep's audit entry: %+v", e)
	}
	// The young one goes once its own hold is past.
	clock.at = clock.at.Add(PhotoHold)
	if n, err := s.SweepPhotos(ctx); err != nil || n != 1 {
		t.Fatalf("the second sweep removed %d, want 1: %v", n, err)
	}
}

// The sweep removes many photos in batches, every one of them.
func TestSweepRemovesManyInBatches(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	clock := &photoClock{at: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	s.SetClock(clock.now)
	for range 2*sweepBatch + 7 {
		if _, err := s.HoldPhoto(ctx, secretary4, "org-04", testPhoto(10), DefaultPhotoQuota); err != nil {
			t.Fatal(err)
		}
	}
	clock.at = clock.at.Add(PhotoHold)
	if n, err := s.SweepPhotos(ctx); err != nil || n != 2*sweepBatch+7 {
		t.Fatalf("swept %d, want %d: %v", n, 2*sweepBatch+7, err)
	}
	if ids := photoIDsIn(t, s); len(ids) != 0 {
		t.Fatalf("%d photos left", len(ids))
	}
}

// An organisation's photos, held ones included, stop at its quota; other
// organisations' do not count.
func TestPhotoQuota(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	p := testPhoto(1000)
	size := int64(len(p.Image) + len(p.Thumb))
	quota := 2*size + size/2
	for range 2 {
		if _, err := s.HoldPhoto(ctx, secretary4, "org-04", p, quota); err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.HoldPhoto(ctx, secretary4, "org-04", p, quota)
	var full *PhotoQuotaError
	if !errors.As(err, &full) || full.Used != 2*size || full.Quota != quota {
		t.Fatalf("a photo past the quota: %v", err)
	}
	if used, err := s.PhotoUsage(ctx, "org-04"); err != nil || used != 2*size {
		t.Fatalf("usage %d, want %d: %v", used, 2*size, err)
	}
	if _, err := s.HoldPhoto(ctx, Actor{Username: "sec2"}, "org-02", p, quota); err != nil {
		t.Fatalf("another organisation's photo: %v", err)
	}
}

// Migration 00009 on a database that kept photos before it: the references
// it reads from the filings' JSON are those the saves record, and the
// photos nothing refers to are held from their upload, so that the first
// sweep removes them.
func TestPhotoHoldsMigrationFindsTheOrphansOfBefore(t *testing.T) {
	pgcluster.SQLiteOnly(t, "it runs a SQLite migration again; PostgreSQL starts at the schema it left")
	ctx := context.Background()
	s := openDemo(t)
	clock := &photoClock{at: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	s.SetClock(clock.now)
	var ids []int64
	for range 4 {
		id, err := s.HoldPhoto(ctx, secretary4, "org-04", testPhoto(10), DefaultPhotoQuota)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	orphan, drafted, logo, published := ids[0], ids[1], ids[2], ids[3]
	activity := &ActivityFiling{Activity: Activity{Program: "incubation", Kind: "lecture", Title: "党课", Date: "2023-05-06",
		Enterprises: []string{"ent-003"}}, Photos: []int64{published}}
	if _, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Body: activity}); err != nil {
		t.Fatal(err)
	}
	f, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingActivity, Body: activity, Submit: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PublishFiling(ctx, tester, f.ID, 1, 0, nil); err != nil {
		t.Fatal(err)
	}
	activity.Photos = []int64{drafted}
	if _, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{ID: f.ID, Stamp: stampOf(t, s, f.ID), Kind: FilingActivity, Body: activity}); err != nil {
		t.Fatal(err)
	}
	brand := &BrandFiling{Brand: Brand{Name: "红色引擎", Launched: "2023-01-01"}, Logo: logo}
	brandKey, err := s.OrganizationBrandKey(ctx, "org-04")
	if err != nil {
		t.Fatal(err)
	}
	opened, err := s.BrandByKey(ctx, brandKey)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveFiling(ctx, secretary4, "org-04", FilingSave{Kind: FilingBrand, Body: brand, Submit: true, RecordVersion: opened.Version}); err != nil {
		t.Fatal(err)
	}
	references := func() []string {
		var out []string
		rows, err := s.read.Query(`SELECT filing_id || '/' || version || '/' || photo_id FROM filing_photos ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var r string
			if err := rows.Scan(&r); err != nil {
				t.Fatal(err)
			}
			out = append(out, r)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	saved := references()

	p, err := newGoose(s.write)
	if err != nil {
		t.Fatal(err)
	}
	// Only 00009, down and up again: later migrations stay as they are.
	if _, err := p.ApplyVersion(ctx, 9, false); err != nil {
		t.Fatal(err)
	}
	if _, err := p.ApplyVersion(ctx, 9, true); err != nil {
		t.Fatal(err)
	}
	if got := references(); !slices.Equal(got, saved) {
		t.Errorf("the migration's references %v, the saves' %v", got, saved)
	}
	var until string
	if err := s.read.QueryRow(`SELECT group_concat(photo_id || ' ' || until) FROM photo_holds`).Scan(&until); err != nil {
		t.Fatal(err)
	}
	if want := strings.Join([]string{itoa(orphan), "2026-03-01T21:00:00Z"}, " "); until != want {
		t.Errorf("holds after the migration %q, want %q", until, want)
	}
	clock.at = clock.at.Add(PhotoHold)
	if n, err := s.SweepPhotos(ctx); err != nil || n != 1 {
		t.Fatalf("the first sweep removed %d, want the orphan: %v", n, err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
