package signer

import (
	"errors"
	"testing"

	"github.com/streamgate/streamgate/internal/httperr"
)

var verifyBodies = []string{
	`{"message":"m","signature":"0x00"}`,
	`{"message":"m"}`,
	`{}`,
	`null`,
	`{"message":"m","signature":"0x00"}{}`,
	`{"message":1}`,
	`[`,
}

// FuzzDecodeVerify: any body is either a request with both fields or a
// malformed-request error, never a panic.
func FuzzDecodeVerify(f *testing.F) {
	for _, b := range verifyBodies {
		f.Add([]byte(b))
	}
	s := &Server{cfg: Config{MaxBodyBytes: httperr.DefaultMaxBodyBytes}}
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := s.decodeVerify(body)
		switch {
		case err == nil && (req.Message == "" || req.Signature == ""):
			t.Fatalf("accepted %q with an empty field", body)
		case err != nil && !errors.Is(err, errBadRequest) && !errors.Is(err, errBodyTooLarge):
			t.Fatalf("error %v is not a bad request", err)
		}
	})
}

func FuzzBearer(f *testing.F) {
	for _, h := range []string{"Bearer abc", "bearer  abc ", "Basic abc", "Bearer ", ""} {
		f.Add([]byte(h))
	}
	f.Fuzz(func(t *testing.T, h []byte) {
		if tok, ok := bearer(h); ok && tok == "" {
			t.Fatalf("bearer(%q) accepted an empty token", h)
		}
	})
}
