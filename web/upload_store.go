package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"parkportal/store"
)

// uploadStore keeps an uploaded spreadsheet's cells, as the reader gave
// them, between its preview and the clerk's confirmation: for its uploader
// only, for half an hour, a few at a time, so that the file is read (in a
// child process) once. They are kept in the database
// (store.KeepUploadPreview), so that the confirmation may reach another
// portal than the preview did. Nothing of the records is written until
// the confirmation.
type uploadStore struct {
	store *store.Store
	now   func() time.Time
}

// upload is one file waiting for confirmation.
type upload struct {
	token      string
	userID     int64
	collection store.Collection
	name       string
	cells      [][]string
	size       int   // the cells' bytes, as the limits count them
	revision   int64 // the records' revision the preview saw
	at         time.Time
}

const (
	uploadTTL      = 30 * time.Minute
	uploadsKept    = 20       // files waiting, across all clerks
	uploadsMaxSize = 64 << 20 // their bytes, together
)

func newUploadStore(st *store.Store, now func() time.Time) *uploadStore {
	return &uploadStore{store: st, now: now}
}

// put keeps u and returns its token, dropping expired files and, past the
// limits, the oldest.
func (s *uploadStore) put(ctx context.Context, u upload) (string, error) {
	b := make([]byte, 16)
	rand.Read(b)
	u.token, u.at = hex.EncodeToString(b), s.now()
	for _, row := range u.cells {
		for _, c := range row {
			u.size += len(c) + 16
		}
	}
	err := s.store.KeepUploadPreview(ctx, store.UploadPreview{Token: u.token, UserID: u.userID, Collection: u.collection,
		Name: u.name, Cells: u.cells, Size: u.size, Revision: u.revision, At: u.at}, uploadTTL, uploadsKept, uploadsMaxSize)
	return u.token, err
}

// take hands over the file with token, once: if it is still kept and was
// uploaded by userID to collection, it is no longer kept (a second click
// on 确认导入 finds nothing to save twice).
func (s *uploadStore) take(ctx context.Context, token string, userID int64, collection store.Collection) (*upload, bool, error) {
	p, ok, err := s.store.TakeUploadPreview(ctx, token, userID, collection, s.now(), uploadTTL)
	if err != nil || !ok {
		return nil, false, err
	}
	return &upload{token: p.Token, userID: p.UserID, collection: p.Collection, name: p.Name, cells: p.Cells,
		size: p.Size, revision: p.Revision, at: p.At}, true, nil
}
