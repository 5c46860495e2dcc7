package edge

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/streamgate/streamgate/signer/token"
)

// maxJWKSBytes bounds a key set read from the network.
const maxJWKSBytes = 1 << 20

var jwksClient = &http.Client{Timeout: 5 * time.Second}

// readJWKS parses the key set at src: a file path or an http(s) URL.
func readJWKS(src string) (token.JWKS, error) {
	raw, err := readJWKSRaw(src)
	if err != nil {
		return token.JWKS{}, err
	}
	var set token.JWKS
	if err := json.Unmarshal(raw, &set); err != nil {
		return token.JWKS{}, fmt.Errorf("%s: %w", src, err)
	}
	return set, nil
}

// readJWKSRaw returns the bytes at src, so that an unchanged set is not
// parsed again.
func readJWKSRaw(src string) ([]byte, error) {
	if !strings.HasPrefix(src, "http://") && !strings.HasPrefix(src, "https://") {
		return os.ReadFile(src)
	}
	resp, err := jwksClient.Get(src)
	if err != nil {
		return nil, fmt.Errorf("fetching %s: %w", src, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetching %s: status %d", src, resp.StatusCode)
	}
	return io.ReadAll(io.LimitReader(resp.Body, maxJWKSBytes))
}
