package asset

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/streamgate/streamgate/asset/policy"
)

// ManifestName is the object, in each asset's folder, that makes the asset
// exist. It is written last and never served.
const ManifestName = "asset.json"

// DeliveryCDN is asset.json's delivery value for CDN mode.
const DeliveryCDN = "cdn"

// ErrBadManifest is wrapped when asset.json cannot be used.
var ErrBadManifest = errors.New("asset: bad asset.json")

// Asset is the parsed asset.json (docs/protocol.md §4).
type Asset struct {
	ID         string          `json:"id"`
	Title      string          `json:"title"`
	DurationS  float64         `json:"duration_s"`
	Renditions []Rendition     `json:"renditions"`
	RawPolicy  json.RawMessage `json:"policy"`
	CreatedAt  time.Time       `json:"created_at"`
	// Delivery is "cdn" for CDN mode; "" or "edge" is edge delivery.
	Delivery string `json:"delivery,omitempty"`
	// Version is the published version folder ("" = objects directly under the asset).
	Version string `json:"version,omitempty"`

	// Policy is RawPolicy parsed; Parse fails when it does not parse.
	Policy *policy.Policy `json:"-"`
}

// Rendition is one rung of the ladder: pixels, bits/s, RFC 6381 codecs.
type Rendition struct {
	Name      string `json:"name"`
	Width     int    `json:"width"`
	Height    int    `json:"height"`
	Bandwidth int    `json:"bandwidth"`
	Codecs    string `json:"codecs"`
}

// Parse reads asset.json and checks that it names asset id and carries a
// usable policy (fail closed: no policy, no playback). Errors wrap
// ErrBadManifest.
func Parse(id string, data []byte) (*Asset, error) {
	var a Asset
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrBadManifest, id, err)
	}
	if a.ID != id {
		return nil, fmt.Errorf("%w: %s: names asset %q", ErrBadManifest, id, a.ID)
	}
	p, err := policy.Parse(a.RawPolicy)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrBadManifest, id, err)
	}
	a.Policy = p
	return &a, nil
}
