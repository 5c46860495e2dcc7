package signer

import "github.com/streamgate/streamgate/contracts/ownership"

// subscribe applies the indexer's invalidations to the signer's own checker
// until Close, so that a wallet that just sold its pass gets no new
// playback token from a cached answer. A checker passed in Deps belongs to
// the caller, which subscribes it (the edge does).
func (s *Server) subscribe(sub *ownership.Subscriber) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		sub.Run(s.ctx)
	}()
	s.closers = append(s.closers, func() error { <-done; return nil })
}
