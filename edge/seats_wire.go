package edge

import "github.com/streamgate/streamgate/contracts/ownership"

// initSeats builds the seat leases (in Redis when configured, so that all
// edges count the same sessions) and lets invalidations drop the leases of
// a token that changed hands. With Redis the edge also subscribes to the
// invalidations the indexer publishes.
func (s *Server) initSeats() {
	var store seatStore // nil: in-process leases
	if s.rdb != nil {
		store = redisSeats{rdb: s.rdb, prefix: s.cfg.Redis.Prefix}
		s.invalidated = ownership.NewSubscriber(s.rdb, s.cfg.Redis.Prefix, s.own, s.log)
	}
	s.seats = newSeats(s.ctx, s.cfg.Seats, s.own, store, s.metrics, s.log)
	s.own.OnInvalidate(s.seats.release)
}

// subscribe applies published invalidations until the server's context is
// canceled; the channel closes once the subscriber stopped.
func (s *Server) subscribe() <-chan struct{} {
	done := make(chan struct{})
	if s.invalidated == nil {
		close(done)
		return done
	}
	go func() {
		defer close(done)
		s.invalidated.Run(s.ctx)
	}()
	return done
}
