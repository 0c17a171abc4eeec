package web

import (
	"context"
	"log/slog"
	"time"
)

// sweepPhotos removes the photos held past their time that nothing refers
// to (store.SweepPhotos: a refused form's that its retry never kept, and
// those a draft dropped). The store's clock says what is past; a failure
// is logged and the next sweep tries again.
func (s *Server) sweepPhotos(ctx context.Context) {
	n, err := s.store.SweepPhotos(ctx)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Warn("photo sweep", slog.Any("err", err))
		}
		return
	}
	if n > 0 {
		s.log.Info("photo sweep", slog.Int("removed", n))
	}
}

// sweepPhotosEvery sweeps the photos every interval until ctx ends.
func (s *Server) sweepPhotosEvery(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.sweepPhotos(ctx)
		}
	}
}
