// Package siwe parses and verifies Sign-In with Ethereum (EIP-4361) messages.
//
// Parse follows the spec's ABNF to the letter, stricter only where noted on Parse:
// the user approves the text the wallet shows, so the server must read that text
// the one way the spec defines, and Message.String gives it back byte for byte.
// Verify checks an EOA's EIP-191 personal_sign signature and hands anything else
// to a caller-supplied contract-wallet check (EIP-1271, ERC-6492), so this package
// needs no chain access.
package siwe

import (
	"errors"
	"fmt"
)

// MaxSize bounds the message text Parse accepts. Real messages are a few hundred
// bytes; the bound keeps a hostile body from costing more than a quick scan.
const MaxSize = 8 << 10

// MaxSignatureSize bounds DecodeSignature's output. EOA signatures are 65 bytes;
// ERC-6492 wraps a contract signature with factory calldata, which stays far below this.
const MaxSignatureSize = 8 << 10

// Sentinel errors. Every error about a message or signature wraps one of them, so
// callers pick a status with errors.Is: ErrContractCheck means "could not decide"
// (chain unavailable), every other one means the sign-in is refused. The only
// other error is Verify's complaint about missing options, a programming error.
var (
	// ErrMalformed is returned by Parse for text that is not an EIP-4361 message,
	// and by Verify when the message's fields do not reproduce the signed text.
	ErrMalformed = errors.New("siwe: malformed message")
	// ErrDomain is returned by Verify when the message is for another domain.
	ErrDomain = errors.New("siwe: domain mismatch")
	// ErrNonce is returned by Verify when the message carries another nonce.
	ErrNonce = errors.New("siwe: nonce mismatch")
	// ErrExpired is returned when now is at or past the expiration time.
	ErrExpired = errors.New("siwe: message expired")
	// ErrNotYetValid is returned when now is before the not-before time.
	ErrNotYetValid = errors.New("siwe: message not yet valid")
	// ErrIssuedInFuture is returned when the issued-at time is after now.
	ErrIssuedInFuture = errors.New("siwe: message issued in the future")
	// ErrSignature is returned when the signature does not prove the message's
	// address signed the text; ErrSignatureLength and ErrMalleable wrap it.
	ErrSignature = errors.New("siwe: invalid signature")
	// ErrSignatureLength is returned by RecoverEIP191 for signatures that are not
	// 65 bytes (r, s, v).
	ErrSignatureLength = fmt.Errorf("%w: not 65 bytes", ErrSignature)
	// ErrMalleable is returned by RecoverEIP191 for high-s signatures: each has a
	// low-s twin by the same key, and EIP-2 makes low-s the only accepted form.
	ErrMalleable = fmt.Errorf("%w: high s value (malleable form)", ErrSignature)
	// ErrContractCheck is returned by Verify when the contract-wallet check itself
	// fails (RPC error, timeout); the caller's error is wrapped too.
	ErrContractCheck = errors.New("siwe: contract wallet check failed")
)

// clip shortens untrusted text quoted in error messages, which may end up in a
// response body or a log line.
func clip(s string) string {
	const limit = 64
	if len(s) <= limit {
		return s
	}
	return s[:limit] + "…"
}
