package ownership

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/sync/singleflight"

	"github.com/streamgate/streamgate/contracts/chainrpc"
)

// Collection is a token contract on a chain.
type Collection struct {
	ChainID  int64
	Contract common.Address
}

// Names reads collections' on-chain names for people: ERC-20's and
// ERC-721's optional name() and symbol() (EIP-20, EIP-721 metadata
// extension), decoded as an ABI string or, for old tokens such as MKR, a
// bytes32. It never takes part in access decisions. Safe for concurrent use.
//
// Answers are cached: a name for the life of the process (contracts do not
// rename), "no name" (both calls reverted or answered nothing, as ERC-1155
// contracts and EOAs do) for NoneTTL, and a chain that did not answer for
// Retry, after which the next Lookup reads again.
type Names struct {
	chains chainrpc.Chains
	cfg    NamesConfig
	flight singleflight.Group

	mu sync.Mutex
	m  map[Collection]nameEntry
}

// NamesConfig tunes Names; zero fields take the defaults.
type NamesConfig struct {
	// Retry is how long a failed read (no endpoint answered) is remembered
	// before it is tried again (default 30 s).
	Retry time.Duration
	// NoneTTL is how long "this contract has no name" is remembered
	// (default 1 h: a proxy may be upgraded).
	NoneTTL time.Duration
}

type nameEntry struct {
	name  string
	until time.Time // zero: forever
}

// maxNameRunes bounds a name read from a contract; longer ones are cut.
const maxNameRunes = 64

var (
	selName   = []byte{0x06, 0xfd, 0xde, 0x03} // name()
	selSymbol = []byte{0x95, 0xd8, 0x9b, 0x41} // symbol()
)

// NewNames reads names through chains (a Checker's Chains: the one RPC
// layer, with its endpoint order, timeouts and failure rules).
func NewNames(chains chainrpc.Chains, cfg NamesConfig) *Names {
	if cfg.Retry <= 0 {
		cfg.Retry = 30 * time.Second
	}
	if cfg.NoneTTL <= 0 {
		cfg.NoneTTL = time.Hour
	}
	return &Names{chains: chains, cfg: cfg, m: make(map[Collection]nameEntry)}
}

// Lookup returns the display names of cs it knows by the time ctx ends:
// "Name (SYMBOL)", or the one of the two a contract has. A collection
// without a name, on a chain not configured, whose read failed, or still
// being read when ctx ends is absent from the map; a read cut short goes
// on in the background (bounded by the chain's per-endpoint timeout) and
// fills the cache for the next Lookup.
func (n *Names) Lookup(ctx context.Context, cs []Collection) map[Collection]string {
	out := make(map[Collection]string, len(cs))
	var wait []<-chan singleflight.Result
	var waitFor []Collection
	now := time.Now()
	for _, c := range cs {
		n.mu.Lock()
		e, ok := n.m[c]
		n.mu.Unlock()
		if ok && (e.until.IsZero() || now.Before(e.until)) {
			if e.name != "" {
				out[c] = e.name
			}
			continue
		}
		key := c.Contract.Hex() + "@" + big.NewInt(c.ChainID).String()
		wait = append(wait, n.flight.DoChan(key, func() (any, error) { return n.read(c), nil }))
		waitFor = append(waitFor, c)
	}
	for i, ch := range wait {
		select {
		case r := <-ch:
			if name := r.Val.(string); name != "" {
				out[waitFor[i]] = name
			}
		case <-ctx.Done():
			return out
		}
	}
	return out
}

// read asks the chain for c's name and symbol and caches the outcome.
func (n *Names) read(c Collection) string {
	e := nameEntry{until: time.Now().Add(n.cfg.NoneTTL)}
	if client := n.chains[c.ChainID]; client != nil {
		// Not the caller's context: it may stop waiting while the read goes
		// on, bounded by the client's per-endpoint timeout.
		ctx := context.Background()
		name, err := readString(ctx, client, c.Contract, selName)
		var symbol string
		if err == nil {
			symbol, err = readString(ctx, client, c.Contract, selSymbol)
		}
		switch {
		case err != nil:
			e.until = time.Now().Add(n.cfg.Retry)
		case name != "" && symbol != "" && name != symbol:
			e = nameEntry{name: name + " (" + symbol + ")"}
		case name != "":
			e = nameEntry{name: name}
		case symbol != "":
			e = nameEntry{name: symbol}
		}
	} else {
		e.until = time.Time{} // the chains are fixed for the process
	}
	n.mu.Lock()
	n.m[c] = e
	n.mu.Unlock()
	return e.name
}

// readString makes one eth_call of a no-argument string getter. A revert or
// an answer that is not a string is "" (the contract has none); only an
// endpoint failure is an error.
func readString(ctx context.Context, client *chainrpc.Client, to common.Address, sel []byte) (string, error) {
	out, err := client.Call(ctx, to, sel, 32)
	if errors.Is(err, chainrpc.ErrReverted) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return cleanName(decodeName(out)), nil
}

// decodeName reads an ABI-encoded string (offset, length, bytes), or a
// bytes32 padded with zeros; anything else is no name.
func decodeName(out []byte) []byte {
	if len(out) >= 64 {
		off := new(big.Int).SetBytes(out[:32])
		if off.IsUint64() && off.Uint64() <= uint64(len(out)-32) {
			o := int(off.Uint64())
			size := new(big.Int).SetBytes(out[o : o+32])
			if size.IsUint64() && size.Uint64() <= uint64(len(out)-o-32) {
				return out[o+32 : o+32+int(size.Uint64())]
			}
		}
		return nil
	}
	if len(out) == 32 {
		end := len(out)
		for end > 0 && out[end-1] == 0 {
			end--
		}
		return out[:end]
	}
	return nil
}

// cleanName keeps printable text (no controls, bidi overrides or other
// invisible characters a contract could use to spoof a name), collapses
// space runs and cuts it at maxNameRunes.
func cleanName(b []byte) string {
	if !utf8.Valid(b) {
		return ""
	}
	var sb strings.Builder
	runes, space := 0, false
	for _, r := range string(b) {
		if unicode.IsSpace(r) {
			space = sb.Len() > 0
			continue
		}
		if !unicode.IsPrint(r) {
			continue
		}
		if runes >= maxNameRunes {
			sb.WriteRune('…')
			break
		}
		if space {
			sb.WriteByte(' ')
			runes++
			space = false
		}
		sb.WriteRune(r)
		runes++
	}
	return sb.String()
}
