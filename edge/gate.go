package edge

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/streamgate/streamgate/asset/policy"
)

// gate decides whether a wallet meets an asset's policy, answering from
// memory on the hot path: *ownership.Checker. It returns nil, an error
// wrapping ownership.ErrNotHeld, or one wrapping ownership.ErrUnavailable.
type gate interface {
	AllowAt(ctx context.Context, wallet common.Address, p *policy.Policy, now time.Time) error
}
