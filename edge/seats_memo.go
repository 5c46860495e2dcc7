package edge

import (
	"hash/maphash"
	"sync"

	"github.com/ethereum/go-ethereum/common"
)

// seatMemo remembers each session's last seat answer so that a playing
// session asks the store at most once per renew interval. A hit takes a
// read lock and two map lookups: no allocation.
type seatMemo struct {
	seed   maphash.Seed
	shards [32]memoShard
}

type memoShard struct {
	mu sync.RWMutex
	m  map[seatKey]map[string]memoEntry // seat → sid → answer
}

type memoEntry struct {
	at     int64 // unix ns the store was asked
	held   bool
	wallet common.Address
}

func newSeatMemo() *seatMemo {
	m := &seatMemo{seed: maphash.MakeSeed()}
	for i := range m.shards {
		m.shards[i].m = map[seatKey]map[string]memoEntry{}
	}
	return m
}

func (m *seatMemo) shard(k *seatKey) *memoShard {
	return &m.shards[maphash.Comparable(m.seed, *k)%uint64(len(m.shards))]
}

// get returns sid's answer on k if it is younger than renew nanoseconds.
func (m *seatMemo) get(k *seatKey, sid string, t, renew int64) (held, ok bool) {
	s := m.shard(k)
	s.mu.RLock()
	e, found := s.m[*k][sid]
	s.mu.RUnlock()
	if !found || t-e.at >= renew {
		return false, false
	}
	return e.held, true
}

func (m *seatMemo) put(k *seatKey, wallet common.Address, sid string, t int64, held bool) {
	s := m.shard(k)
	s.mu.Lock()
	defer s.mu.Unlock()
	sids := s.m[*k]
	if sids == nil {
		sids = map[string]memoEntry{}
		s.m[*k] = sids
	}
	sids[sid] = memoEntry{at: t, held: held, wallet: wallet}
}

// release forgets wallet's sessions on k and reports whether one of them
// held a seat through this edge.
func (m *seatMemo) release(k *seatKey, wallet common.Address) bool {
	s := m.shard(k)
	s.mu.Lock()
	defer s.mu.Unlock()
	held := false
	for sid, e := range s.m[*k] {
		if e.wallet == wallet {
			held = held || e.held
			delete(s.m[*k], sid)
		}
	}
	return held
}

// sweep forgets answers older than before (unix ns).
func (m *seatMemo) sweep(before int64) {
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		for k, sids := range s.m {
			for sid, e := range sids {
				if e.at < before {
					delete(sids, sid)
				}
			}
			if len(sids) == 0 {
				delete(s.m, k)
			}
		}
		s.mu.Unlock()
	}
}
