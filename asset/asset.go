package asset

import (
	"encoding/hex"
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
	// Version is the folder {id}/{Version}/ holding every other object
	// (VersionGrammar); "" for an unversioned asset whose objects sit
	// directly under {id}/.
	Version string `json:"version,omitempty"`
	// Delivery is DeliveryEdge ("" reads as edge) or DeliveryCDN.
	Delivery string `json:"delivery,omitempty"`
	// KeyPeriod is, for a CDN asset, how many media segments share one
	// AES-128 key (keys.json holds the keys); 0 otherwise.
	KeyPeriod int `json:"key_period,omitempty"`
	// SegmentS is, for a CDN asset, the nominal segment length in seconds:
	// KeyPeriod × SegmentS is the media one key decrypts.
	SegmentS float64 `json:"segment_s,omitempty"`

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

// Delivery modes of asset.json's "delivery" (docs/protocol.md §4).
const (
	// DeliveryEdge: every object through the gated token path (the default).
	DeliveryEdge = "edge"
	// DeliveryCDN: HLS media segments encrypted with AES-128 under the
	// token-free path {VersionDir}/aes/, keys through the gated path.
	DeliveryCDN = "cdn"
)

// Objects of a version folder that no route serves as they are, beside
// ManifestName.
const (
	// KeysName is a CDN asset's key schedule, {id}/{version}/keys.json:
	// KeySchedule. The edge answers single keys from it, never the file.
	KeysName = "keys.json"
	// VersionsName is {id}/versions.json: when each version was published
	// and superseded, for retention. Never served.
	VersionsName = "versions.json"
	// CipherDir is the folder of a CDN asset's encrypted media segments,
	// {id}/{version}/aes/{name}, under the same names as the clear ones.
	CipherDir = "aes"
)

// VersionGrammar is the grammar of asset.json's "version", for messages.
const VersionGrammar = "v[0-9a-f]{12}"

// ValidVersion reports whether v matches VersionGrammar: "v" and 12
// lowercase hex digits. It allocates nothing.
func ValidVersion[T string | []byte](v T) bool {
	return len(v) == 13 && v[0] == 'v' && lowerHex(v[1:])
}

// DeliveryValues names the values of "delivery", for messages.
const DeliveryValues = `"edge" or "cdn"`

// ValidDelivery reports whether d is a delivery mode: "" (edge), "edge"
// or "cdn".
func ValidDelivery(d string) bool { return d == "" || d == DeliveryEdge || d == DeliveryCDN }

// CDN reports whether the asset is delivered in CDN mode.
func (a *Asset) CDN() bool { return a.Delivery == DeliveryCDN }

// Dir is the asset's object folder relative to the bucket: "{id}/" or
// "{id}/{version}/".
func (a *Asset) Dir() string {
	if a.Version == "" {
		return a.ID + "/"
	}
	return a.ID + "/" + a.Version + "/"
}

// Parse reads asset.json and checks that it names asset id and carries a
// usable policy (fail closed: no policy, no playback), that version is ""
// or VersionGrammar, and delivery "", "edge" or "cdn"; a CDN asset needs a
// version, key_period >= 1 and segment_s > 0. Errors wrap ErrBadManifest.
// An unusable teaser or get_url is dropped (Asset.Ignored says why), never
// an error: they are for display only.
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
	if err := a.checkDelivery(); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrBadManifest, id, err)
	}
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

func (a *Asset) checkDelivery() error {
	if a.Version != "" && !ValidVersion(a.Version) {
		return fmt.Errorf("version: want %s, got %q", VersionGrammar, a.Version)
	}
	switch {
	case !ValidDelivery(a.Delivery):
		return fmt.Errorf("delivery: want %s, got %q", DeliveryValues, a.Delivery)
	case !a.CDN() && a.KeyPeriod != 0:
		return errors.New("key_period: only for delivery \"cdn\"")
	case !a.CDN():
		return nil
	}
	switch {
	case a.Version == "":
		return errors.New("delivery \"cdn\" needs a version")
	case a.KeyPeriod < 1:
		return fmt.Errorf("key_period: want >= 1 for delivery \"cdn\", got %d", a.KeyPeriod)
	case !(a.SegmentS > 0):
		return fmt.Errorf("segment_s: want > 0 for delivery \"cdn\", got %v", a.SegmentS)
	}
	return nil
}

// KeySchedule is a CDN asset's keys.json: Keys[p] (32 lowercase hex
// digits, an AES-128 key) encrypts media segments p×KeyPeriod up to
// (p+1)×KeyPeriod−1 of every rendition.
type KeySchedule struct {
	KeyPeriod int      `json:"key_period"`
	Keys      []string `json:"keys"`
}

// ParseKeys reads keys.json and checks it: key_period >= 1, at least one
// key, every key 16 bytes in hex. It returns the raw keys, indexed by
// period. Errors wrap ErrBadManifest.
func ParseKeys(data []byte) (KeySchedule, [][16]byte, error) {
	var ks KeySchedule
	if err := json.Unmarshal(data, &ks); err != nil {
		return KeySchedule{}, nil, fmt.Errorf("%w: %s: %w", ErrBadManifest, KeysName, err)
	}
	if ks.KeyPeriod < 1 || len(ks.Keys) == 0 {
		return KeySchedule{}, nil, fmt.Errorf("%w: %s: want key_period >= 1 and keys", ErrBadManifest, KeysName)
	}
	keys := make([][16]byte, len(ks.Keys))
	for i, k := range ks.Keys {
		if len(k) != 32 || !lowerHex(k) {
			return KeySchedule{}, nil, fmt.Errorf("%w: %s: keys[%d]: want 32 lowercase hex digits", ErrBadManifest, KeysName, i)
		}
		_, _ = hex.Decode(keys[i][:], []byte(k))
	}
	return ks, keys, nil
}

func lowerHex[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
