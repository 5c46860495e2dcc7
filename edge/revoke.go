package edge

import (
	"errors"
	"fmt"

	"github.com/streamgate/streamgate/contracts/ownership"
)

// errRevoked wraps the refusal of a session that played before: its pass
// changed hands, or its balance fell, while it watched.
var errRevoked = errors.New("edge: access revoked")

// refused marks an unmet policy as a revocation when the grant had played.
func (g *grant) refused(err error) error {
	if g.played.Load() && errors.Is(err, ownership.ErrNotHeld) {
		return fmt.Errorf("%w: %w", errRevoked, err)
	}
	return err
}

// admitted records that the grant played; the load keeps the shared cache
// line clean on every later request.
func (g *grant) admitted() {
	if !g.played.Load() {
		g.played.Store(true)
	}
}

// firstRevocation reports whether this is the grant's first revocation, so
// the edge logs a revoked session once, not on each of its requests.
func (g *grant) firstRevocation() bool {
	return !g.logged.Load() && g.logged.CompareAndSwap(false, true)
}
