package signer

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/chainrpc"
	"github.com/streamgate/streamgate/signer/siwe"
)

// walletCalls are the read-only calls on one chain that ask contract
// wallets about signatures; *chainrpc.Client has them, with its endpoints'
// failover, timeouts and endpoint-failure rule.
type walletCalls interface {
	// Call makes an eth_call whose conforming answer has at least want
	// bytes; a revert wraps chainrpc.ErrReverted.
	Call(ctx context.Context, to common.Address, data []byte, want int) ([]byte, error)
	// CallCreation runs creation code in an eth_call, deploying nothing.
	CallCreation(ctx context.Context, code []byte, want int) ([]byte, error)
}

var _ walletCalls = (*chainrpc.Client)(nil)

var (
	erc1271 = bindings.NewIERC1271()
	// magic1271 is what isValidSignature returns for a valid signature:
	// its own selector, bytes4(keccak256("isValidSignature(bytes32,bytes)")).
	magic1271 = []byte{0x16, 0x26, 0xba, 0x7e}
	// suffix6492 ends every ERC-6492 wrapped signature.
	suffix6492 = bytes.Repeat([]byte{0x64, 0x92}, 16)
	// wrapper6492 is the wrapped part: abi.encode(factory, factoryCalldata, signature).
	wrapper6492 = abi.Arguments{{Type: abiType("address")}, {Type: abiType("bytes")}, {Type: abiType("bytes")}}
	sigCheck    = bindings.NewSigCheck6492()
	sigCheckBin = common.FromHex(bindings.SigCheck6492MetaData.Bin)
)

func abiType(name string) abi.Type {
	t, err := abi.NewType(name, "", nil)
	if err != nil {
		panic(err)
	}
	return t
}

// contractCheck is the siwe.ContractCheck for messages on c's chain. It
// returns false for any definite "no" (a revert, a wrong or malformed
// answer, no code at the address) and an error only when the chain could
// not be asked, which the caller answers 503.
func contractCheck(c walletCalls) siwe.ContractCheck {
	return func(ctx context.Context, addr common.Address, hash [32]byte, sig []byte) (bool, error) {
		w, wrapped, err := unwrap6492(sig)
		switch {
		case err != nil:
			return false, nil
		case wrapped:
			return check6492(ctx, c, addr, hash, w)
		}
		return check1271(ctx, c, addr, hash, sig)
	}
}

// check1271 asks the wallet at addr, EIP-1271 style, whether sig signs hash.
func check1271(ctx context.Context, c walletCalls, addr common.Address, hash [32]byte, sig []byte) (bool, error) {
	data, err := erc1271.TryPackIsValidSignature(hash, sig)
	if err != nil {
		return false, fmt.Errorf("packing isValidSignature: %w", err)
	}
	// One bytes4 word; shorter data is an answer only from an address
	// without code (then not magic: a "no"), else the endpoint's failure.
	out, err := c.Call(ctx, addr, data, 32)
	switch {
	case errors.Is(err, chainrpc.ErrReverted):
		return false, nil
	case err != nil:
		return false, err
	}
	return isMagic1271(out), nil
}

// isMagic1271 reports whether out is the ABI encoding of the magic bytes4:
// one 32-byte word, the value left-aligned and the rest zero. A shorter
// answer (an EOA, a wallet returning raw bytes) is garbage, not a yes.
func isMagic1271(out []byte) bool {
	if len(out) < 32 || !bytes.Equal(out[:4], magic1271) {
		return false
	}
	for _, b := range out[4:32] {
		if b != 0 {
			return false
		}
	}
	return true
}

// wrapped6492 is an ERC-6492 signature taken apart.
type wrapped6492 struct {
	factory         common.Address
	factoryCalldata []byte
	sig             []byte
}

// unwrap6492 reports whether sig carries the ERC-6492 suffix and, if so,
// decodes it; a suffixed signature that does not decode is an error.
func unwrap6492(sig []byte) (wrapped6492, bool, error) {
	if len(sig) < len(suffix6492) || !bytes.Equal(sig[len(sig)-len(suffix6492):], suffix6492) {
		return wrapped6492{}, false, nil
	}
	vals, err := wrapper6492.Unpack(sig[:len(sig)-len(suffix6492)])
	if err != nil {
		return wrapped6492{}, true, fmt.Errorf("decoding ERC-6492 signature: %w", err)
	}
	factory, ok1 := vals[0].(common.Address)
	calldata, ok2 := vals[1].([]byte)
	inner, ok3 := vals[2].([]byte)
	if !ok1 || !ok2 || !ok3 {
		return wrapped6492{}, true, errors.New("decoding ERC-6492 signature: unexpected types")
	}
	return wrapped6492{factory: factory, factoryCalldata: calldata, sig: inner}, true, nil
}

// check6492 verifies a wrapped signature as ERC-6492 prescribes, in one
// deployless eth_call of SigCheck6492's creation code: when the wallet has
// no code it is deployed by factory(factoryCalldata) inside the call only,
// then its isValidSignature is asked with the inner signature. The
// constructor returns the single byte 0x01 for valid.
func check6492(ctx context.Context, c walletCalls, addr common.Address, hash [32]byte, w wrapped6492) (bool, error) {
	code := append(bytes.Clone(sigCheckBin), sigCheck.PackConstructor(addr, hash, w.sig, w.factory, w.factoryCalldata)...)
	out, err := c.CallCreation(ctx, code, 1) // the constructor returns exactly one byte
	switch {
	case errors.Is(err, chainrpc.ErrReverted):
		return false, nil
	case err != nil:
		return false, err
	}
	return len(out) == 1 && out[0] == 1, nil
}
