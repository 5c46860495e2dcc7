package siwe

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
)

// ContractCheck asks a contract wallet at addr whether sig signs hash, the
// EIP-191 hash of the message text (EIP-1271 isValidSignature, unwrapping
// ERC-6492 first). It returns false for a valid "no", an error only when it
// could not find out (RPC failure, timeout).
type ContractCheck func(ctx context.Context, addr common.Address, hash [32]byte, sig []byte) (bool, error)

// VerifyOptions are the verifier's expectations of a message.
type VerifyOptions struct {
	// Domain is the domain the message must name (EIP-4361 domain binding).
	// Required: a signer serving several domains checks membership first and
	// passes the one the message names.
	Domain string
	// Scheme, when set, is the scheme the message must name; a message
	// without one then fails, as in the reference implementation.
	Scheme string
	// Nonce is the nonce the message must carry. Required.
	Nonce string
	// Now is the clock to check the validity window at; zero means time.Now().
	Now time.Time
	// Leeway widens the validity window on both sides for clock skew.
	Leeway time.Duration
	// AllowIssuedInFuture skips the issued-at ≤ now check. EIP-4361 and its
	// reference implementation do not make it (one reference vector verifies
	// at a clock before its issued-at); StreamGate's signer keeps it false.
	AllowIssuedInFuture bool
	// ContractCheck is asked when the signature does not recover to the
	// message's address, e.g. a smart-contract wallet. Nil means EOAs only.
	ContractCheck ContractCheck
}

// Verify checks that text, the message m was parsed from, was signed by
// m.Address, and that m meets opts. EOAs are checked by EIP-191 recovery; when
// that fails and opts.ContractCheck is set, the contract wallet is asked.
// ctx reaches only opts.ContractCheck. Errors wrap one of the package's sentinels.
func Verify(ctx context.Context, m *Message, text string, sig []byte, opts VerifyOptions) error {
	if opts.Domain == "" || opts.Nonce == "" {
		return errors.New("siwe: VerifyOptions.Domain and Nonce are required")
	}
	// The checks below read m and the signature covers text: they must agree,
	// or a caller mixing them up would check one message and accept another.
	if m.String() != text {
		return fmt.Errorf("%w: fields do not reproduce the signed text", ErrMalformed)
	}
	if err := m.checkBinding(opts); err != nil {
		return err
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	if err := m.checkWindow(now, opts.Leeway); err != nil {
		return err
	}
	if !opts.AllowIssuedInFuture {
		if err := m.checkIssued(now, opts.Leeway); err != nil {
			return err
		}
	}
	return verifySignature(ctx, m.Address, text, sig, opts.ContractCheck)
}

// checkBinding checks the message is for this verifier: its origin and nonce.
func (m *Message) checkBinding(opts VerifyOptions) error {
	if m.Domain != opts.Domain || opts.Scheme != "" && m.Scheme != opts.Scheme {
		return fmt.Errorf("%w: message is for %q, want %q", ErrDomain,
			clip(origin(m.Scheme, m.Domain)), origin(opts.Scheme, opts.Domain))
	}
	if m.Nonce != opts.Nonce {
		return ErrNonce
	}
	return nil
}

func origin(scheme, domain string) string {
	if scheme == "" {
		return domain
	}
	return scheme + "://" + domain
}

// CheckTime reports whether the message is valid at now, give or take leeway:
// ErrExpired at or after the expiration time, ErrNotYetValid before not-before,
// ErrIssuedInFuture before issued-at.
func (m *Message) CheckTime(now time.Time, leeway time.Duration) error {
	if err := m.checkWindow(now, leeway); err != nil {
		return err
	}
	return m.checkIssued(now, leeway)
}

func (m *Message) checkWindow(now time.Time, leeway time.Duration) error {
	if m.ExpirationTime != nil && !now.Before(m.ExpirationTime.Add(leeway)) {
		return fmt.Errorf("%w: at %s", ErrExpired, m.ExpirationTime.Format(time.RFC3339))
	}
	if m.NotBefore != nil && now.Add(leeway).Before(*m.NotBefore) {
		return fmt.Errorf("%w: until %s", ErrNotYetValid, m.NotBefore.Format(time.RFC3339))
	}
	return nil
}

func (m *Message) checkIssued(now time.Time, leeway time.Duration) error {
	if now.Add(leeway).Before(m.IssuedAt) {
		return fmt.Errorf("%w: at %s", ErrIssuedInFuture, m.IssuedAt.Format(time.RFC3339))
	}
	return nil
}

// verifySignature accepts sig when it recovers to addr, else asks check.
func verifySignature(ctx context.Context, addr common.Address, text string, sig []byte, check ContractCheck) error {
	got, err := RecoverEIP191(text, sig)
	if err == nil && got == addr {
		return nil
	}
	if err == nil {
		// Keep the recovered address out of the message: it tells a caller
		// nothing useful and varies with every forged signature.
		err = fmt.Errorf("%w: not made by %s", ErrSignature, addr.Hex())
	}
	if check == nil {
		return err
	}
	var hash [32]byte
	copy(hash[:], accounts.TextHash([]byte(text)))
	ok, cerr := check(ctx, addr, hash, sig)
	switch {
	case cerr != nil:
		return fmt.Errorf("%w: %w", ErrContractCheck, cerr)
	case !ok:
		return fmt.Errorf("%w; contract wallet check: not valid either", err)
	}
	return nil
}
