package web

import (
	"parkportal/store"

	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"
)

// uploadStore keeps an uploaded spreadsheet's cells, as the reader gave
// them, between its preview and the clerk's confirmation: in memory, for
// its uploader only, for half an hour, a few at a time, so that the file
// is read (in a child process) once. Nothing of it is written until the
// confirmation.
type uploadStore struct {
	mu    sync.Mutex
	now   func() time.Time
	files map[string]*upload
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

func newUploadStore(now func() time.Time) *uploadStore {
	return &uploadStore{now: now, files: map[string]*upload{}}
}

// put keeps u and returns its token, dropping expired files and, past the
// limits, the oldest.
func (s *uploadStore) put(u upload) string {
	b := make([]byte, 16)
	rand.Read(b)
	u.token, u.at = hex.EncodeToString(b), s.now()
	for _, row := range u.cells {
		for _, c := range row {
			u.size += len(c) + 16
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[u.token] = &u
	for {
		var oldest *upload
		size := 0
		for k, f := range s.files {
			if s.now().Sub(f.at) > uploadTTL {
				delete(s.files, k)
				continue
			}
			size += f.size
			if oldest == nil || f.at.Before(oldest.at) {
				oldest = f
			}
		}
		if oldest == nil || (len(s.files) <= uploadsKept && size <= uploadsMaxSize) || oldest.token == u.token {
			return u.token
		}
		delete(s.files, oldest.token)
	}
}

// take hands over the file with token, once: if it is still kept and was
// uploaded by userID to collection, it is no longer kept (a second click
// on 确认导入 finds nothing to save twice).
func (s *uploadStore) take(token string, userID int64, collection store.Collection) (*upload, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[token]
	if !ok || f.userID != userID || f.collection != collection {
		return nil, false
	}
	delete(s.files, token)
	return f, s.now().Sub(f.at) <= uploadTTL
}
