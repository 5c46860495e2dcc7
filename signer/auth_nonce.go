package signer

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/valyala/fasthttp"
)

// storeTimeout bounds one nonce store operation (Redis).
const storeTimeout = 2 * time.Second

type nonceResponse struct {
	Nonce   string `json:"nonce"`
	Address string `json:"address,omitempty"`
}

// nonce serves GET /auth/nonce[?address=0x…]: a fresh single-use nonce.
// rand.Text gives 26 base32 characters (130 random bits), letters and digits
// only, as EIP-4361 and docs/protocol.md (at least 16 alphanumerics) want.
// With address, the answer also gives its EIP-55 form, which the message
// must carry, so a browser client needs no Keccak of its own.
func (s *Server) nonce(rc *fasthttp.RequestCtx) error {
	if !rc.IsGet() {
		return methodError{allow: "GET"}
	}
	address, err := checksumArg(rc.QueryArgs())
	if err != nil {
		return err
	}
	n := rand.Text()
	ctx, cancel := context.WithTimeout(s.ctx, storeTimeout)
	defer cancel()
	if err := s.nonces.put(ctx, n, s.now()); err != nil {
		return err
	}
	writeJSON(rc, fasthttp.StatusOK, nonceResponse{Nonce: n, Address: address})
	return nil
}

// checksumArg returns the EIP-55 form of the address query argument, or ""
// without one. It accepts 0x and 40 hex digits all lowercase, all uppercase
// (no checksum) or correctly checksummed: a mixed case that is not the
// checksum is a mistyped address (EIP-55), refused like any other shape.
func checksumArg(args *fasthttp.Args) (string, error) {
	vals := args.PeekMulti("address")
	switch {
	case len(vals) == 0:
		return "", nil
	case len(vals) > 1:
		return "", fmt.Errorf("%w: address: given %d times", errBadRequest, len(vals))
	}
	a := string(vals[0])
	if len(a) != 42 || a[:2] != "0x" || !isHex(a[2:]) {
		return "", fmt.Errorf("%w: address %q: want 0x and 40 hex digits", errBadRequest, clip(a))
	}
	sum := common.HexToAddress(a).Hex()
	if hexDigits := a[2:]; hexDigits != strings.ToLower(hexDigits) && hexDigits != strings.ToUpper(hexDigits) && a != sum {
		return "", fmt.Errorf("%w: address %q: mixed case that is not its EIP-55 checksum (%s)", errBadRequest, clip(a), sum)
	}
	return sum, nil
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
