package store

import (
	"context"
	"errors"
	"testing"
)

// An upload is a change like any other: it goes through the write frame,
// so a failure just before its commit leaves no record, no audit entry
// and no new revision; a check writes nothing either; a save writes the
// upload's entry with each record's entry pointing to it.
func TestUploadGoesThroughTheWriteFrame(t *testing.T) {
	ctx := context.Background()
	s := openValid(t)
	rev, before := revisionOf(t, s), newestAudit(t, s)
	rows := []UploadRow[Enterprise]{
		{Row: 2, Record: Enterprise{ID: "u1", Name: "株洲上传一号科技有限公司", Stage: "startup"}},
		{Row: 3, Record: Enterprise{ID: "u2", Name: "株洲上传二号科技有限公司", Stage: "growth"}},
	}
	unchanged := func(when string) {
		t.Helper()
		if _, _, err := s.EnterpriseByID(ctx, "u1"); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: the upload left its record: %v", when, err)
		}
		if after := newestAudit(t, s); after != before {
			t.Errorf("%s: the upload left audit entries (the newest is %d, was %d)", when, after, before)
		}
		if after := revisionOf(t, s); after != rev {
			t.Errorf("%s: the upload moved the revision", when)
		}
	}

	s.beforeCommit = func() error { return errors.New("disk full") }
	if _, err := s.SaveEnterpriseUpload(ctx, tester, "台账.xlsx", rows, false); err == nil {
		t.Fatal("the upload succeeded although its commit failed")
	}
	unchanged("a failed commit")
	s.beforeCommit = nil

	res, err := s.SaveEnterpriseUpload(ctx, tester, "台账.xlsx", rows, true)
	if err != nil || res.Created != 2 || res.Entry.Username != tester.Username {
		t.Fatalf("check: %+v, %v", res, err)
	}
	unchanged("a check")

	res, err = s.SaveEnterpriseUpload(ctx, tester, "台账.xlsx", rows, false)
	if err != nil || res.Created != 2 || res.Entry.ID == 0 {
		t.Fatalf("save: %+v, %v", res, err)
	}
	if after := revisionOf(t, s); after.Value != rev.Value+1 {
		t.Errorf("revision %d after an upload, want %d", after.Value, rev.Value+1)
	}
	entries := auditOf(t, s, AuditFilter{Collection: "enterprises", Limit: 3})
	if len(entries) != 3 || entries[2].ID != res.Entry.ID || entries[2].Action != "upload" || entries[2].UserID != tester.UserID {
		t.Fatalf("entries after the upload: %+v", entries)
	}
	for _, e := range entries[:2] {
		if e.Batch != res.Entry.ID || e.Action != ActionCreate || e.Username != tester.Username || !e.At.Equal(res.Entry.At) {
			t.Errorf("a record's entry: %+v", e)
		}
	}
}
