package siwe

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// halfN is secp256k1's group order halved: the largest s EIP-2 accepts.
var halfN = new(big.Int).Rsh(crypto.S256().Params().N, 1)

// DecodeSignature decodes a hex signature as wallets return it ("0x" optional).
// Its length is not checked beyond MaxSignatureSize, since contract-wallet
// signatures are not 65 bytes. Errors wrap ErrSignature.
func DecodeSignature(s string) ([]byte, error) {
	s = strings.TrimPrefix(s, "0x")
	if len(s) > 2*MaxSignatureSize {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrSignature, MaxSignatureSize)
	}
	sig, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%w: not hex: %w", ErrSignature, err)
	}
	return sig, nil
}

// RecoverEIP191 returns the account whose key made sig, a 65-byte r || s || v
// personal_sign (EIP-191 version 0x45) signature of msg. v may be 27/28 (what
// wallets return) or 0/1 (raw recovery id). Errors wrap ErrSignature, with
// ErrSignatureLength and ErrMalleable for the cases callers may want to log.
func RecoverEIP191(msg string, sig []byte) (common.Address, error) {
	if len(sig) != crypto.SignatureLength {
		return common.Address{}, fmt.Errorf("%w: got %d", ErrSignatureLength, len(sig))
	}
	v := sig[64]
	if v >= 27 {
		v -= 27
	}
	if v > 1 {
		return common.Address{}, fmt.Errorf("%w: v is %d, want 27, 28, 0 or 1", ErrSignature, sig[64])
	}
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:64])
	if s.Cmp(halfN) > 0 {
		return common.Address{}, ErrMalleable
	}
	if !crypto.ValidateSignatureValues(v, r, s, true) {
		return common.Address{}, fmt.Errorf("%w: r or s out of range", ErrSignature)
	}
	// Normalised copy: the caller's slice stays untouched and libsecp256k1
	// wants the recovery id in 0/1.
	var rsv [crypto.SignatureLength]byte
	copy(rsv[:], sig)
	rsv[64] = v
	pub, err := crypto.SigToPub(accounts.TextHash([]byte(msg)), rsv[:])
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %w", ErrSignature, err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}
