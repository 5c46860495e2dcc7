package ownership

import (
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/streamgate/streamgate/asset/policy"
)

// Held answers one condition for wallet from memory only, as the last
// AllowAt left it, and for an ERC-721 token_ids condition also names the id
// the wallet owns (a pointer into cond.IDs). The edge asks it after AllowAt
// passed, to find which token a playback session holds a seat on; it
// allocates nothing. Unknown means the facts are not in memory.
func (c *Checker) Held(wallet common.Address, cond *policy.Condition, now time.Time) (policy.Answer, *uint256.Int) {
	t := now.UnixNano()
	lookup := func(f fact) *uint256.Int {
		e := c.local.get(&f)
		if e == nil || t >= e.usable {
			return nil
		}
		return &e.value
	}
	if cond.Standard != policy.ERC721 || len(cond.IDs) == 0 {
		return decide(cond, wallet, lookup), nil
	}
	f := fact{chain: cond.ChainID, contract: cond.Address, kind: ownerOf, wallet: wallet}
	answer := policy.Unmet
	for i := range cond.IDs {
		f.id = cond.IDs[i]
		switch v := lookup(f); {
		case v == nil:
			answer = policy.Unknown
		case !v.IsZero():
			return policy.Met, &cond.IDs[i]
		}
	}
	return answer, nil
}
