package asset

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/streamgate/streamgate/asset/policy"
)

// ManifestName is the object, in each asset's folder, that makes the asset
// exist. It is written last and never served.
const ManifestName = "asset.json"

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
	// Teaser makes the poster ({id}/poster.jpg, a real frame of the media)
	// public before sign-in. Off unless asset.json has exactly true.
	Teaser bool `json:"teaser,omitempty"`
	// GetURL is where a viewer can get a pass: an absolute http(s) URL
	// (CheckGetURL), or "".
	GetURL string `json:"get_url,omitempty"`

	// Policy is RawPolicy parsed; Parse fails when it does not parse.
	Policy *policy.Policy `json:"-"`
	// Ignored says why a teaser or get_url present in asset.json was
	// dropped (nil when none was): those fields never make an asset
	// unusable.
	Ignored error `json:"-"`
}

// MaxGetURLBytes bounds asset.json's get_url.
const MaxGetURLBytes = 2048

// CheckGetURL accepts "" (none) or an absolute http:// or https:// URL with
// a host and no user info, of at most MaxGetURLBytes bytes of printable
// ASCII (RFC 3986: anything else is percent-encoded). The transcoder
// refuses a job with any other (400 bad_request); Parse drops it.
func CheckGetURL(s string) error {
	if s == "" {
		return nil
	}
	if len(s) > MaxGetURLBytes {
		return fmt.Errorf("get_url: longer than %d bytes", MaxGetURLBytes)
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return fmt.Errorf("get_url: byte %#02x at %d: want printable ASCII (percent-encode the rest)", s[i], i)
		}
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("get_url: %w", err)
	case u.Scheme != "https" && u.Scheme != "http":
		return fmt.Errorf("get_url: want an https:// or http:// URL, got scheme %q", u.Scheme)
	case u.Host == "" || u.Opaque != "":
		return errors.New("get_url: want an absolute URL with a host")
	case u.User != nil:
		return errors.New("get_url: user info (user@host) is not allowed")
	}
	return nil
}

// wire is asset.json as decoded: teaser and get_url are raw, so a wrong
// type in either is dropped instead of failing the whole manifest.
type wire struct {
	Asset
	Teaser json.RawMessage `json:"teaser"`
	GetURL json.RawMessage `json:"get_url"`
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
// ErrBadManifest. An unusable teaser or get_url is dropped (Asset.Ignored
// says why), never an error: they are for display only.
func Parse(id string, data []byte) (*Asset, error) {
	var w wire
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrBadManifest, id, err)
	}
	a := w.Asset
	a.Teaser, a.GetURL, a.Ignored = optional(w.Teaser, w.GetURL)
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

// optional reads teaser and get_url, each dropped when unusable: a teaser
// other than true or false is off (fail closed), a bad get_url is none.
func optional(teaser, getURL json.RawMessage) (bool, string, error) {
	var errs []error
	on := false
	if len(teaser) > 0 && string(teaser) != "null" {
		if err := json.Unmarshal(teaser, &on); err != nil {
			errs = append(errs, fmt.Errorf("teaser: want true or false, got %.40s", teaser))
		}
	}
	var u string
	if len(getURL) > 0 && string(getURL) != "null" {
		if err := json.Unmarshal(getURL, &u); err != nil {
			errs = append(errs, fmt.Errorf("get_url: want a string, got %.40s", getURL))
		} else if err := CheckGetURL(u); err != nil {
			errs, u = append(errs, err), ""
		}
	}
	return on, u, errors.Join(errs...)
}
