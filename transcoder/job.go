package transcoder

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/asset/policy"
)

// Job states, as stored in sg:job:{id} and shown by the API.
const (
	StateQueued    = "queued"    // waiting for a worker
	StateRunning   = "running"   // a worker has it; Progress is its percent
	StateRetrying  = "retrying"  // an attempt failed (Error); it runs again after a backoff
	StatePublished = "published" // every region has the asset, asset.json last
	StateFailed    = "failed"    // dead-lettered with Error
)

// Spec is what a job is asked to do: the body of POST /jobs.
type Spec struct {
	// Asset is the asset id (docs/protocol.md grammar); the job publishes {Asset}/….
	Asset string `json:"asset"`
	// Title goes into asset.json ("" = the asset id).
	Title string `json:"title,omitempty"`
	// Source is s3://bucket/key on the sources endpoint.
	Source string `json:"source"`
	// Ladder names a configured ladder ("" = the default).
	Ladder string `json:"ladder,omitempty"`
	// Policy is the asset's policy, copied into asset.json.
	Policy json.RawMessage `json:"policy"`
	// Teaser makes the poster public before sign-in (asset.json "teaser").
	Teaser bool `json:"teaser,omitempty"`
	// GetURL is where viewers get a pass (asset.json "get_url"): an
	// absolute http(s) URL (asset.CheckGetURL), or "".
	GetURL string `json:"get_url,omitempty"`
	// Delivery is asset.DeliveryEdge or asset.DeliveryCDN ("" = edge).
	Delivery string `json:"delivery,omitempty"`
}

// Job is a spec with its queue state.
type Job struct {
	ID string `json:"id"`
	Spec
	State string `json:"state"`
	// Progress is the percent of the current attempt's encode, 0..100.
	Progress int `json:"progress"`
	// Error is the last attempt's error, kept while retrying and when failed.
	Error    string `json:"error,omitempty"`
	Attempts int    `json:"attempts"`
	// Worker is the consumer that ran the latest attempt.
	Worker    string    `json:"worker,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// jobIDRE matches the ids newJobID makes, and nothing that could escape a
// Redis key or a URL path.
var jobIDRE = regexp.MustCompile(`^[a-z0-9]{1,64}$`)

// newJobID returns 80 random bits in lowercase base32.
func newJobID() string { return strings.ToLower(rand.Text()[:16]) }

// ParseSpec decodes and checks a POST /jobs body against the configured
// ladders. Errors wrap ErrBadSpec.
func ParseSpec(data []byte, ladders map[string][]Rung, defaultLadder string) (Spec, error) {
	var s Spec
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Spec{}, fmt.Errorf("%w: %w", ErrBadSpec, err)
	}
	if s.Ladder == "" {
		s.Ladder = defaultLadder
	}
	if s.Title == "" {
		s.Title = s.Asset
	}
	if s.Delivery == "" {
		s.Delivery = asset.DeliveryEdge
	}
	if err := s.check(ladders); err != nil {
		return Spec{}, fmt.Errorf("%w: %w", ErrBadSpec, err)
	}
	return s, nil
}

func (s *Spec) check(ladders map[string][]Rung) error {
	switch {
	case !asset.ValidID(s.Asset):
		return fmt.Errorf("asset: want %s, got %q", asset.IDGrammar, s.Asset)
	case !utf8.ValidString(s.Title) || len(s.Title) > 512:
		return fmt.Errorf("title: want at most 512 bytes of UTF-8")
	case ladders[s.Ladder] == nil:
		return fmt.Errorf("ladder: no ladder %q is configured", s.Ladder)
	}
	if err := checkDelivery(s.Delivery); err != nil {
		return err
	}
	if _, _, err := ParseSourceURL(s.Source); err != nil {
		return err
	}
	if err := asset.CheckGetURL(s.GetURL); err != nil {
		return err
	}
	if _, err := policy.Parse(s.Policy); err != nil {
		return fmt.Errorf("policy: %w", err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, s.Policy); err != nil {
		return fmt.Errorf("policy: %w", err)
	}
	s.Policy = compact.Bytes()
	return nil
}

// ParseSourceURL splits s3://bucket/key.
func ParseSourceURL(raw string) (bucket, key string, err error) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "", "", fmt.Errorf("source: %w", err)
	case u.Scheme != "s3" || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "":
		return "", "", fmt.Errorf("source: want s3://bucket/key, got %q", raw)
	}
	key = strings.TrimPrefix(u.Path, "/")
	if key == "" || strings.HasSuffix(key, "/") || len(key) > 1024 {
		return "", "", fmt.Errorf("source: want s3://bucket/key naming an object, got %q", raw)
	}
	return u.Host, key, nil
}

// SourceURL is the s3:// URL of key in bucket.
func SourceURL(bucket, key string) string {
	return (&url.URL{Scheme: "s3", Host: bucket, Path: "/" + key}).String()
}

// checkDelivery refuses a delivery other than "", edge and cdn, naming the
// allowed values.
func checkDelivery(d string) error {
	if asset.ValidDelivery(d) {
		return nil
	}
	return fmt.Errorf("delivery: want %s, got %q", asset.DeliveryValues, d)
}
