package ownership

import (
	"hash/maphash"

	"github.com/dgraph-io/ristretto/v2"
	"github.com/holiman/uint256"
)

// entry is a cached fact. fresh bounds its normal use; a positive value is
// kept until usable, for the grace window when every RPC of a chain fails.
type entry struct {
	fact   fact // checked on every hit: the cache is keyed by a hash
	value  uint256.Int
	fresh  int64 // unix nanoseconds
	usable int64 // unix nanoseconds; == fresh for zero balances
	// trusted, for an answer read from the indexed state, extends fresh
	// while the chain's indexer stays live (invalidations drop it when the
	// tokens move); 0 otherwise.
	trusted int64
}

// local is the in-process layer: ristretto keyed by a 64-bit hash of the
// fact. The entry carries its fact, so a hash collision is a miss, never
// another wallet's answer.
type local struct {
	seed  maphash.Seed
	cache *ristretto.Cache[uint64, *entry]
}

func newLocal(maxEntries int64) (*local, error) {
	c, err := ristretto.NewCache(&ristretto.Config[uint64, *entry]{
		NumCounters: maxEntries * 10,
		MaxCost:     maxEntries,
		BufferItems: 64,
	})
	if err != nil {
		return nil, err
	}
	return &local{seed: maphash.MakeSeed(), cache: c}, nil
}

func (l *local) hash(f *fact) uint64 { return maphash.Comparable(l.seed, *f) }

// get returns the entry for f, or nil.
func (l *local) get(f *fact) *entry {
	e, ok := l.cache.Get(l.hash(f))
	if !ok || e.fact != *f {
		return nil
	}
	return e
}

// set stores e without a ristretto TTL: a TTL makes every Get read the
// clock, and the entry's own fresh/usable times already decide its use. An
// expired entry is overwritten by the next fetch or evicted by the bound.
func (l *local) set(e *entry) {
	l.cache.Set(l.hash(&e.fact), e, 1)
}

func (l *local) del(f *fact) { l.cache.Del(l.hash(f)) }
