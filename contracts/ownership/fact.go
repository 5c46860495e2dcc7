package ownership

import (
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/streamgate/streamgate/asset/policy"
)

// factKind says which call answers a fact.
type factKind uint8

const (
	balanceOf   factKind = iota // ERC-721/ERC-20 balanceOf(wallet)
	ownerOf                     // ERC-721 ownerOf(id) == wallet, as 1 or 0
	balanceOfID                 // ERC-1155 balanceOf(wallet, id)
	numFactKinds
)

// fact is one on-chain number about a wallet. It is comparable, so it keys
// maps and hashes without allocating.
type fact struct {
	chain    int64
	contract common.Address
	kind     factKind
	id       uint256.Int // zero for balanceOf
	wallet   common.Address
}

// redisKey is docs/protocol.md's sg:own:{chain}:{contract}:{id}:{wallet}, with id
// "_" for a whole-contract balance.
func (f *fact) redisKey(prefix string) string {
	id := "_"
	if f.kind != balanceOf {
		id = f.id.Dec()
	}
	var b strings.Builder
	b.Grow(len(prefix) + 120)
	b.WriteString(prefix)
	b.WriteString("own:")
	b.WriteString(strconv.FormatInt(f.chain, 10))
	b.WriteByte(':')
	b.WriteString(strings.ToLower(f.contract.Hex()))
	b.WriteByte(':')
	b.WriteString(id)
	b.WriteByte(':')
	b.WriteString(strings.ToLower(f.wallet.Hex()))
	return b.String()
}

// factsOf lists the facts that decide c for wallet, appending to dst.
func factsOf(dst []fact, c *policy.Condition, wallet common.Address) []fact {
	f := fact{chain: c.ChainID, contract: c.Address, wallet: wallet}
	switch {
	case c.Standard == policy.ERC1155:
		f.kind, f.id = balanceOfID, c.IDs[0]
		return append(dst, f)
	case c.Standard == policy.ERC721 && len(c.IDs) > 0:
		f.kind = ownerOf
		for _, id := range c.IDs {
			f.id = id
			dst = append(dst, f)
		}
		return dst
	}
	f.kind = balanceOf
	return append(dst, f)
}

// lookupFunc returns a fact's value, or nil when it is not known. It takes
// the fact by value so that facts built here stay on the stack.
type lookupFunc func(fact) *uint256.Int

// decide answers c for wallet from the facts lookup knows, without
// allocating: the facts are built on the stack one at a time.
func decide(c *policy.Condition, wallet common.Address, lookup lookupFunc) policy.Answer {
	f := fact{chain: c.ChainID, contract: c.Address, wallet: wallet}
	switch {
	case c.Standard == policy.ERC1155:
		f.kind, f.id = balanceOfID, c.IDs[0]
	case c.Standard == policy.ERC721 && len(c.IDs) > 0:
		return decideAny(f, c.IDs, lookup)
	default:
		f.kind = balanceOf
	}
	v := lookup(f)
	switch {
	case v == nil:
		return policy.Unknown
	case v.Cmp(&c.Min) >= 0:
		return policy.Met
	}
	return policy.Unmet
}

// decideAny: owning any one of the listed tokens meets the condition.
func decideAny(f fact, ids []uint256.Int, lookup lookupFunc) policy.Answer {
	f.kind = ownerOf
	answer := policy.Unmet
	for i := range ids {
		f.id = ids[i]
		v := lookup(f)
		switch {
		case v == nil:
			answer = policy.Unknown
		case !v.IsZero():
			return policy.Met
		}
	}
	return answer
}
