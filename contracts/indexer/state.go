package indexer

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/holiman/uint256"
	"github.com/redis/go-redis/v9"
	"golang.org/x/time/rate"

	"github.com/streamgate/streamgate/contracts/ownership"
)

// StateConfig is `indexer.state`: keeping the holders of the ERC-721 and
// ERC-1155 contracts the indexer follows in Redis (docs/protocol.md §8), so
// that checks answer without RPC (ownership.state).
type StateConfig struct {
	// Enabled keeps the state (needs Redis: `streamgate indexer`; without
	// it the state is off and checks ask the RPC). On, each contract's
	// history is read first, from its deployment (or start block), at most
	// BackfillRate eth_getLogs calls per second.
	Enabled bool `yaml:"enabled"`
	// BackfillRange bounds the blocks of one eth_getLogs reading a new
	// contract's history, from its deployment (or start block) on.
	BackfillRange uint64 `yaml:"backfill_range"`
	// BackfillRate is the most backfill eth_getLogs calls per second (the
	// deployment search's eth_getCode calls count too), so a backfill fits
	// a rate-limited RPC beside the checks.
	BackfillRate float64 `yaml:"backfill_rate"`
	// LiveTTL is the heartbeat's lifetime: checks stop trusting the state
	// this long after the indexer's last step.
	LiveTTL time.Duration `yaml:"live_ttl"`
	// StartBlocks names where a contract's history begins; without one the
	// deployment block is searched (eth_getCode at past blocks: an archive
	// node), from block 0 when that fails.
	StartBlocks []StartBlock `yaml:"start_blocks"`
}

// StartBlock is the first block to read a contract's transfers from.
type StartBlock struct {
	Chain    int64  `yaml:"chain"`
	Contract string `yaml:"contract"`
	Block    uint64 `yaml:"block"`
}

// DefaultStateConfig is on (where Redis is configured): it backfills 2000
// blocks per call, 5 calls/s.
func DefaultStateConfig() StateConfig {
	return StateConfig{Enabled: true, BackfillRange: 2000, BackfillRate: 5, LiveTTL: 3 * time.Second, StartBlocks: []StartBlock{}}
}

func (s *StateConfig) validate() error {
	switch {
	case s.BackfillRange == 0 || s.BackfillRate <= 0:
		return errors.New("indexer.state.backfill_range, backfill_rate: want > 0")
	case s.LiveTTL < 100*time.Millisecond:
		return fmt.Errorf("indexer.state.live_ttl: want >= 100ms, got %s", s.LiveTTL)
	}
	for i, b := range s.StartBlocks {
		if b.Chain <= 0 || !common.IsHexAddress(b.Contract) {
			return fmt.Errorf("indexer.state.start_blocks[%d]: want a chain > 0 and a 0x contract", i)
		}
	}
	return nil
}

// Contract phases, the first word of its status in StateContractsKey.
const (
	phaseLive     = "live"
	phaseBackfill = "backfill"
	phaseERC20    = "erc20"
	phaseBad      = "unsupported"
)

// cstatus is one contract's status: its history is read from block start;
// live: kept up to date since block from (next unused); backfill: read up to
// (not including) block next. std is the standard its events showed
// (ownership.StdERC721, ownership.StdERC1155, or ownership.StdNone yet).
type cstatus struct {
	phase             string
	start, next, from uint64
	std               string
	reason            string
}

func (s cstatus) String() string {
	u := func(n uint64) string { return strconv.FormatUint(n, 10) }
	switch s.phase {
	case phaseLive:
		return phaseLive + ":" + u(s.start) + ":" + u(s.from) + ":" + s.std
	case phaseBackfill:
		return phaseBackfill + ":" + u(s.start) + ":" + u(s.next) + ":" + s.std
	case phaseBad:
		return phaseBad + ":" + s.reason
	}
	return s.phase
}

func parseStatus(v string) (cstatus, bool) {
	f := strings.Split(v, ":")
	num := func(i int) (uint64, bool) {
		if i >= len(f) {
			return 0, false
		}
		n, err := strconv.ParseUint(f[i], 10, 64)
		return n, err == nil
	}
	std := func() (string, bool) {
		ok := len(f) == 4 && (f[3] == ownership.StdNone || f[3] == ownership.StdERC721 || f[3] == ownership.StdERC1155)
		if !ok {
			return "", false
		}
		return f[3], true
	}
	switch f[0] {
	case phaseLive:
		a, ok1 := num(1)
		b, ok2 := num(2)
		s, ok3 := std()
		return cstatus{phase: phaseLive, start: a, from: b, std: s}, ok1 && ok2 && ok3
	case phaseBackfill:
		a, ok1 := num(1)
		b, ok2 := num(2)
		s, ok3 := std()
		return cstatus{phase: phaseBackfill, start: a, next: b, std: s}, ok1 && ok2 && ok3
	case phaseERC20:
		return cstatus{phase: phaseERC20}, len(f) == 1
	case phaseBad:
		return cstatus{phase: phaseBad, reason: strings.Join(f[1:], ":")}, true
	}
	return cstatus{}, false
}

// keeper writes one chain's state. It runs on the follower's goroutine;
// every write is one Lua script fenced by the lease token.
type keeper struct {
	cfg     *StateConfig
	rdb     redis.UniversalClient
	prefix  string
	chain   int64
	starts  map[common.Address]uint64
	limiter *rate.Limiter

	loaded bool
	synced cursor // the block through which live contracts are exact
	span   uint64 // blocks of the next backfill eth_getLogs: halved on failure

	status map[common.Address]cstatus
}

func newKeeper(cfg *StateConfig, rdb redis.UniversalClient, prefix string, chain int64) *keeper {
	k := &keeper{cfg: cfg, rdb: rdb, prefix: prefix, chain: chain, starts: map[common.Address]uint64{},
		limiter: rate.NewLimiter(rate.Limit(cfg.BackfillRate), 1)}
	for _, b := range cfg.StartBlocks {
		if b.Chain == chain {
			k.starts[common.HexToAddress(b.Contract)] = b.Block
		}
	}
	return k
}

// undo is what one live range changed: the values before it, per contract
// field ("" for absent), and the synced block before it.
type undo struct {
	prev   cursor
	fields map[common.Address]map[string]string
}

// write is one fenced script run; see applyState.
type write struct {
	expect, set string // synced before ("" = unchecked), after ("" = kept)
	status      []statusWrite
	del         map[common.Address]bool
	fields      map[common.Address]map[string]string
}

type statusWrite struct {
	contract  common.Address
	want, set string // want "*" = any; set "" = remove
}

// applyState checks the lease (KEYS[1]), the synced block (KEYS[2]) and the
// statuses (KEYS[3]) it expects, then writes statuses, contract hashes
// (KEYS[5…]: optionally deleted first; "" values are removed), each
// changed contract's time (KEYS[4], ARGV[4] unix ms) and the synced block,
// all or nothing. 1: written; 0: lease lost; -1, -2: the synced block or a
// status was not as expected.
var applyState = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[2] then return -1 end
local n = tonumber(ARGV[5])
local i = 6
for j = 1, n do
	if ARGV[i+1] ~= '*' then
		local got = redis.call('HGET', KEYS[3], ARGV[i]) or ''
		if got ~= ARGV[i+1] then return -2 end
	end
	i = i + 3
end
i = 6
for j = 1, n do
	if ARGV[i+2] == '' then redis.call('HDEL', KEYS[3], ARGV[i]) else redis.call('HSET', KEYS[3], ARGV[i], ARGV[i+2]) end
	redis.call('HSET', KEYS[4], ARGV[i], ARGV[4])
	i = i + 3
end
for k = 5, #KEYS do
	redis.call('HSET', KEYS[4], ARGV[i], ARGV[4])
	if ARGV[i+1] == '1' then redis.call('DEL', KEYS[k]) end
	local m = tonumber(ARGV[i+2])
	i = i + 3
	for j = 1, m do
		if ARGV[i+1] == '' then redis.call('HDEL', KEYS[k], ARGV[i]) else redis.call('HSET', KEYS[k], ARGV[i], ARGV[i+1]) end
		i = i + 2
	end
end
if ARGV[3] ~= '' then redis.call('SET', KEYS[2], ARGV[3]) end
return 1`)

// beat writes the heartbeat only while the lease holds our token.
var beat = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 1`)

var errStateRaced = errors.New("indexer: the indexed state is not where this indexer left it")

func (c cursor) String() string { return strconv.FormatUint(c.num, 10) + ":" + c.hash.Hex() }

// run executes w.
func (k *keeper) run(ctx context.Context, token string, w write) error {
	keys := []string{LeaseKey(k.prefix, k.chain), ownership.StateSyncedKey(k.prefix, k.chain),
		ownership.StateContractsKey(k.prefix, k.chain), ownership.StateUpdatedKey(k.prefix, k.chain)}
	args := []any{token, w.expect, w.set, time.Now().UnixMilli(), len(w.status)}
	for _, s := range w.status {
		args = append(args, strings.ToLower(s.contract.Hex()), s.want, s.set)
	}
	contracts := map[common.Address]bool{}
	for a := range w.del {
		contracts[a] = true
	}
	for a := range w.fields {
		contracts[a] = true
	}
	for a := range contracts {
		keys = append(keys, ownership.StateKey(k.prefix, k.chain, a))
		del := "0"
		if w.del[a] {
			del = "1"
		}
		args = append(args, strings.ToLower(a.Hex()), del, len(w.fields[a]))
		for f, v := range w.fields[a] {
			args = append(args, f, v)
		}
	}
	n, err := applyState.Run(ctx, k.rdb, keys, args...).Int()
	switch {
	case err != nil:
		return fmt.Errorf("writing the indexed state: %w", err)
	case n == 0:
		return errLeaseLost
	case n < 0:
		k.loaded = false // read it again before the next write
		return errStateRaced
	}
	return nil
}

// load reads the state's place and statuses (after a start or a failed
// write) and reconciles them with the follower's cursor: state ahead of
// it must be on the canonical chain, state behind it (or unknown) is
// rebuilt.
func (f *follower) loadState(ctx context.Context) error {
	k := f.keeper
	v, err := k.rdb.Get(ctx, ownership.StateSyncedKey(k.prefix, k.chain)).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("reading the indexed state: %w", err)
	}
	all, err := k.rdb.HGetAll(ctx, ownership.StateContractsKey(k.prefix, k.chain)).Result()
	if err != nil {
		return fmt.Errorf("reading the indexed contracts: %w", err)
	}
	k.status = map[common.Address]cstatus{}
	for a, s := range all {
		if st, ok := parseStatus(s); ok && common.IsHexAddress(a) {
			k.status[common.HexToAddress(a)] = st
		}
	}
	synced, ok := parseCursor(v)
	consistent := ok && synced.num >= f.cursor.num
	if consistent && synced.num == f.cursor.num {
		consistent = synced.hash == f.cursor.hash
	} else if consistent {
		h, err := f.rpc.HeaderAt(ctx, synced.num)
		if err != nil && !errors.Is(err, ethereum.NotFound) {
			f.m.rpcErrors.Inc()
			return fmt.Errorf("checking the indexed state's block %d: %w", synced.num, err)
		}
		consistent = err == nil && h.Hash() == synced.hash
	}
	k.synced, k.loaded = synced, true
	if !consistent {
		if v != "" {
			f.log.Warn("indexed state does not match the chain: rebuilding it", "state_block", v, "block", f.cursor.num)
		}
		return f.resetState(ctx, f.cursor, v)
	}
	return nil
}

func parseCursor(v string) (cursor, bool) {
	num, hash, ok := strings.Cut(v, ":")
	n, err := strconv.ParseUint(num, 10, 64)
	if !ok || err != nil || len(hash) != 66 {
		return cursor{}, false
	}
	return cursor{num: n, hash: common.HexToHash(hash)}, true
}

// resetState drops every contract's holders and backfills them again, with
// the state's place at c (expected: the synced value read, "" for none).
func (f *follower) resetState(ctx context.Context, c cursor, expected string) error {
	k := f.keeper
	// expected "" leaves the synced block unchecked: none was there.
	w := write{expect: expected, set: c.String(), del: map[common.Address]bool{}}
	next := map[common.Address]cstatus{}
	for a, s := range k.status {
		if s.phase == phaseLive || s.phase == phaseBackfill {
			s = cstatus{phase: phaseBackfill, start: s.start, next: s.start, std: ownership.StdNone}
			w.del[a] = true
			w.status = append(w.status, statusWrite{contract: a, want: "*", set: s.String()})
		}
		next[a] = s
	}
	if err := k.run(ctx, f.token, w); err != nil {
		return err
	}
	k.status, k.synced, k.loaded = next, c, true
	return nil
}

// startOf returns where contract's history begins: the configured block,
// else its deployment block (start and next are equal).
func (f *follower) startOf(ctx context.Context, contract common.Address) (uint64, uint64) {
	if b, ok := f.keeper.starts[contract]; ok {
		return b, b
	}
	b := f.deployment(ctx, contract)
	return b, b
}

// deployment finds the first block with code at contract by bisection over
// eth_getCode: about log2(synced block) calls, once per contract (not
// paced: pacing would hold revocations back meanwhile); 0 when the node
// cannot answer for past blocks.
func (f *follower) deployment(ctx context.Context, contract common.Address) uint64 {
	lo, hi := uint64(0), f.keeper.synced.num
	for lo < hi {
		mid := lo + (hi-lo)/2
		code, err := f.rpc.CodeAt(ctx, contract, mid)
		if err != nil {
			f.m.rpcErrors.Inc()
			f.log.Info("no code history for the contract: backfilling from block 0", "contract", contract, "err", err)
			return 0
		}
		if len(code) > 0 {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// watchState gives the contracts without a status one: backfill from
// their start. A contract deployed after the synced block is live at once.
func (f *follower) watchState(ctx context.Context, all []common.Address) error {
	k := f.keeper
	var w write
	add := map[common.Address]cstatus{}
	for _, a := range all {
		if _, ok := k.status[a]; ok {
			continue
		}
		start, next := f.startOf(ctx, a)
		s := cstatus{phase: phaseBackfill, start: start, next: next, std: ownership.StdNone}
		w.status = append(w.status, statusWrite{contract: a, want: "", set: s.String()})
		add[a] = s
	}
	if len(add) == 0 {
		return nil
	}
	if err := k.run(ctx, f.token, w); err != nil {
		return err
	}
	for a, s := range add {
		k.status[a] = s
	}
	return nil
}

// backfillState reads one range of one backfilling contract's history (at
// most BackfillRange blocks, when the rate allows) and reports whether it
// did. A contract whose history reaches the synced block turns live.
func (f *follower) backfillState(ctx context.Context) (bool, error) {
	k := f.keeper
	var a common.Address
	var s cstatus
	found := false
	for _, c := range sortedContracts(k.status) {
		if st := k.status[c]; st.phase == phaseBackfill {
			a, s, found = c, st, true
			break
		}
	}
	if !found {
		return false, nil
	}
	if s.next > k.synced.num {
		live := cstatus{phase: phaseLive, start: s.start, from: k.synced.num, std: s.std}
		err := k.run(ctx, f.token, write{expect: k.synced.String(), status: []statusWrite{{contract: a, want: s.String(), set: live.String()}}})
		if err == nil {
			k.status[a] = live
			f.log.Info("indexed state live", "contract", a, "from_block", s.start, "to_block", k.synced.num)
		}
		return err == nil, err
	}
	if !k.limiter.Allow() {
		return false, nil
	}
	// A provider refusing a range (too many results, a range cap below
	// ours) is asked for half as many blocks next time, then more again.
	if k.span == 0 {
		k.span = k.cfg.BackfillRange
	}
	to := min(s.next+k.span-1, k.synced.num)
	q := ethereum.FilterQuery{Addresses: []common.Address{a}, Topics: transferTopics,
		FromBlock: new(big.Int).SetUint64(s.next), ToBlock: new(big.Int).SetUint64(to)}
	logs, err := f.rpc.FilterLogs(ctx, q)
	if err != nil {
		f.m.rpcErrors.Inc()
		k.span = max(1, k.span/2)
		return false, fmt.Errorf("backfilling the state of %s, blocks %d–%d: %w", a, s.next, to, err)
	}
	k.span = min(2*k.span, k.cfg.BackfillRange)
	next := s
	next.next = to + 1
	w := write{expect: k.synced.String(), fields: map[common.Address]map[string]string{}}
	fields, _, std, bad, err := f.holders(ctx, a, logs, s.std)
	switch {
	case err != nil:
		return false, err
	case bad != (cstatus{}):
		next, w.del = bad, map[common.Address]bool{a: true}
	default:
		w.fields[a], next.std = fields, std
	}
	w.status = []statusWrite{{contract: a, want: s.String(), set: next.String()}}
	if err := k.run(ctx, f.token, w); err != nil {
		return false, err
	}
	k.status[a] = next
	return true, nil
}

// applyRange brings the live contracts' state from the synced block to
// last (a range the follower read, from first; logs are its transfer
// logs), before its invalidations are published, so that a check
// following an invalidation reads the new holders. Logs at or before the
// synced block (written before a restart) are skipped.
func (f *follower) applyRange(ctx context.Context, logs []types.Log, first uint64, last cursor) (*undo, error) {
	k := f.keeper
	if k.synced.num >= last.num {
		return nil, nil
	}
	if k.synced.num+1 < first {
		return nil, fmt.Errorf("%w: state at block %d, range from %d", errStateRaced, k.synced.num, first)
	}
	byContract := map[common.Address][]types.Log{}
	for _, l := range logs {
		if s := k.status[l.Address]; s.phase == phaseLive && l.BlockNumber > k.synced.num {
			byContract[l.Address] = append(byContract[l.Address], l)
		}
	}
	u := &undo{prev: k.synced, fields: map[common.Address]map[string]string{}}
	w := write{expect: k.synced.String(), set: last.String(), fields: map[common.Address]map[string]string{}, del: map[common.Address]bool{}}
	changed := map[common.Address]cstatus{}
	for a, ls := range byContract {
		s := k.status[a]
		fields, old, std, bad, err := f.holders(ctx, a, ls, s.std)
		if err != nil {
			return nil, err
		}
		ns := s
		switch {
		case bad != (cstatus{}):
			ns = bad
		case std != s.std: // its first events: checks on that standard may ask now
			ns.std = std
		}
		if ns != s {
			w.status = append(w.status, statusWrite{contract: a, want: s.String(), set: ns.String()})
			changed[a] = ns
		}
		if ns.phase != phaseLive {
			w.del[a] = true
			continue
		}
		w.fields[a], u.fields[a] = fields, old
	}
	if err := k.run(ctx, f.token, w); err != nil {
		return nil, err
	}
	for a, s := range changed {
		k.status[a] = s
	}
	k.synced = last
	return u, nil
}

// undoState takes the state back to c through the orphaned ranges' undo
// records (newest first). Contracts whose backfill read past c, or turned
// live after it, have no undo and are read again from their start; when
// the state cannot reach c exactly, all of it is rebuilt.
func (f *follower) undoState(ctx context.Context, orphaned []record, c cursor) error {
	k := f.keeper
	if !k.loaded {
		if err := f.loadState(ctx); err != nil {
			return err
		}
	}
	for i := len(orphaned) - 1; i >= 0; i-- {
		u := orphaned[i].undo
		if u == nil || k.synced != orphaned[i].cursor {
			continue
		}
		w := write{expect: k.synced.String(), set: u.prev.String(), fields: u.fields}
		if err := k.run(ctx, f.token, w); err != nil {
			return err
		}
		k.synced = u.prev
	}
	if k.synced != c {
		return f.resetState(ctx, c, k.synced.String())
	}
	w := write{expect: k.synced.String(), del: map[common.Address]bool{}}
	next := map[common.Address]cstatus{}
	for a, s := range k.status {
		if s.phase == phaseLive && s.from > c.num || s.phase == phaseBackfill && s.next > c.num+1 {
			ns := cstatus{phase: phaseBackfill, start: s.start, next: s.start}
			if s.phase == phaseLive {
				ns.start, ns.next = f.startOf(ctx, a)
			}
			w.del[a] = true
			w.status = append(w.status, statusWrite{contract: a, want: s.String(), set: ns.String()})
			s = ns
		}
		next[a] = s
	}
	if len(w.status) == 0 {
		return nil
	}
	if err := k.run(ctx, f.token, w); err != nil {
		return err
	}
	k.status = next
	return nil
}

// heartbeat tells checks the state is live: head seen, synced block, and
// the block the follower aims at (head minus confirmations).
func (f *follower) heartbeat(ctx context.Context, head, target uint64) {
	k := f.keeper
	v := strconv.FormatUint(head, 10) + ":" + strconv.FormatUint(k.synced.num, 10) + ":" + strconv.FormatUint(target, 10)
	keys := []string{LeaseKey(k.prefix, k.chain), ownership.StateLiveKey(k.prefix, k.chain)}
	if err := beat.Run(ctx, k.rdb, keys, f.token, v, k.cfg.LiveTTL.Milliseconds()).Err(); err != nil {
		f.log.Debug("writing the indexed state heartbeat", "err", err)
	}
}

// holders computes, from the current values in Redis, a contract's fields
// after logs (in chain order): the new values and the old ones ("" for
// absent), and the standard the contract has shown (std before the logs).
// A log that contradicts the state (a token moved from a wallet not
// holding it, a balance below zero, events of two standards, an oversized
// ERC-2309 range) makes the contract unsupported, an ERC-20 Transfer makes
// it erc20: bad is its new status then.
func (f *follower) holders(ctx context.Context, contract common.Address, logs []types.Log, std string) (fields, old map[string]string, _ string, bad cstatus, err error) {
	type op struct {
		owner    []string // o: fields set to to, which must hold from
		from, to common.Address
		balFrom  string // balance fields
		balTo    string
		amount   uint256.Int
	}
	var ops []op
	unsupported := func(reason string) (map[string]string, map[string]string, string, cstatus, error) {
		f.log.Warn("indexed state unsupported for a contract: checks ask the chain", "contract", contract, "reason", reason)
		return nil, nil, std, cstatus{phase: phaseBad, reason: reason}, nil
	}
	for i := range logs {
		l := &logs[i]
		if len(l.Topics) == 0 || l.Removed {
			continue
		}
		shows := ownership.StdERC721
		if l.Topics[0] == topicSingle || l.Topics[0] == topicBatch {
			shows = ownership.StdERC1155
		}
		switch {
		case l.Topics[0] == topicTransfer && len(l.Topics) == 3:
			return nil, nil, std, cstatus{phase: phaseERC20}, nil
		case std != ownership.StdNone && std != shows:
			return unsupported("events of both ERC-721 and ERC-1155")
		}
		std = shows
		switch {
		case l.Topics[0] == topicTransfer && len(l.Topics) == 4:
			ev, err := erc721.UnpackTransferEvent(l)
			id, over := uint256.FromBig(ev.TokenId)
			if err != nil || over {
				return unsupported("malformed Transfer")
			}
			o := op{owner: []string{ownership.OwnerField(id)}, from: ev.From, to: ev.To,
				balFrom: ownership.BalanceField(ev.From), balTo: ownership.BalanceField(ev.To)}
			o.amount.SetOne()
			ops = append(ops, o)
		case l.Topics[0] == topicConsec:
			first, last, from, to, ok := consecutive(l)
			if !ok {
				return unsupported("malformed or oversized ConsecutiveTransfer")
			}
			o := op{from: from, to: to, balFrom: ownership.BalanceField(from), balTo: ownership.BalanceField(to)}
			for id := first.Clone(); !id.Gt(last); id.AddUint64(id, 1) {
				o.owner = append(o.owner, ownership.OwnerField(id))
			}
			o.amount.SetUint64(uint64(len(o.owner)))
			ops = append(ops, o)
		case l.Topics[0] == topicSingle:
			ev, err := erc1155.UnpackTransferSingleEvent(l)
			if err != nil {
				return unsupported("malformed TransferSingle")
			}
			id, o1 := uint256.FromBig(ev.Id)
			v, o2 := uint256.FromBig(ev.Value)
			if o1 || o2 {
				return unsupported("malformed TransferSingle")
			}
			ops = append(ops, op{from: ev.From, to: ev.To, balFrom: ownership.BalanceIDField(id, ev.From), balTo: ownership.BalanceIDField(id, ev.To), amount: *v})
		case l.Topics[0] == topicBatch:
			ev, err := erc1155.UnpackTransferBatchEvent(l)
			if err != nil || len(ev.Ids) != len(ev.Values) {
				return unsupported("malformed TransferBatch")
			}
			for j := range ev.Ids {
				id, o1 := uint256.FromBig(ev.Ids[j])
				v, o2 := uint256.FromBig(ev.Values[j])
				if o1 || o2 {
					return unsupported("malformed TransferBatch")
				}
				ops = append(ops, op{from: ev.From, to: ev.To, balFrom: ownership.BalanceIDField(id, ev.From), balTo: ownership.BalanceIDField(id, ev.To), amount: *v})
			}
		default:
			return unsupported("unknown event under a transfer topic")
		}
	}
	// Read every field the logs touch, then replay them in order.
	seen := map[string]bool{}
	var names []string
	for _, o := range ops {
		for _, n := range append(slices.Clip(o.owner), o.balFrom, o.balTo) {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	old = map[string]string{}
	if len(names) > 0 {
		vals, err := f.keeper.rdb.HMGet(ctx, ownership.StateKey(f.keeper.prefix, f.keeper.chain, contract), names...).Result()
		if err != nil {
			return nil, nil, std, cstatus{}, fmt.Errorf("reading the indexed state of %s: %w", contract, err)
		}
		for i, v := range vals {
			s, _ := v.(string)
			old[names[i]] = s
		}
	}
	owners := map[string]common.Address{}
	bals := map[string]*uint256.Int{}
	ownerOf := func(n string) common.Address {
		if a, ok := owners[n]; ok {
			return a
		}
		return common.HexToAddress(old[n])
	}
	bal := func(n string) *uint256.Int {
		if b, ok := bals[n]; ok {
			return b
		}
		b, err := uint256.FromDecimal(old[n])
		if old[n] == "" || err != nil {
			b = new(uint256.Int)
		}
		bals[n] = b
		return b
	}
	zero := common.Address{}
	for _, o := range ops {
		for _, n := range o.owner {
			if ownerOf(n) != o.from {
				return unsupported("a token moved from a wallet the state says does not own it")
			}
			owners[n] = o.to
		}
		if o.from != zero {
			b := bal(o.balFrom)
			if b.Lt(&o.amount) {
				return unsupported("a balance fell below zero")
			}
			b.Sub(b, &o.amount)
		}
		if o.to != zero {
			b := bal(o.balTo)
			if _, over := b.AddOverflow(b, &o.amount); over {
				return unsupported("a balance overflowed")
			}
		}
	}
	fields = map[string]string{}
	for n, a := range owners {
		fields[n] = ""
		if a != zero {
			fields[n] = strings.ToLower(a.Hex())
		}
	}
	for n, b := range bals {
		fields[n] = ""
		if !b.IsZero() {
			fields[n] = b.Dec()
		}
	}
	for n := range old {
		if _, ok := fields[n]; !ok {
			delete(old, n)
		}
	}
	return fields, old, std, cstatus{}, nil
}

func sortedContracts(m map[common.Address]cstatus) []common.Address {
	out := make([]common.Address, 0, len(m))
	for a := range m {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b common.Address) int { return a.Cmp(b) })
	return out
}
