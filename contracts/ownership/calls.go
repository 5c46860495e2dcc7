package ownership

import (
	"fmt"
	"math/big"

	"github.com/holiman/uint256"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/chainrpc"
)

// ABIs of the standard read calls. Any conforming token answers them.
var (
	erc721  = bindings.NewIERC721()
	erc1155 = bindings.NewIERC1155()
)

// pack builds the eth_call that answers f.
func pack(f *fact) (chainrpc.Request, error) {
	var (
		data []byte
		err  error
	)
	switch f.kind {
	case balanceOf: // same selector and encoding for ERC-20 and ERC-721
		data, err = erc721.TryPackBalanceOf(f.wallet)
	case ownerOf:
		data, err = erc721.TryPackOwnerOf(f.id.ToBig())
	case balanceOfID:
		data, err = erc1155.TryPackBalanceOf(f.wallet, f.id.ToBig())
	}
	if err != nil {
		return chainrpc.Request{}, fmt.Errorf("packing call: %w", err)
	}
	return chainrpc.Request{To: f.contract, Data: data, Want: 32}, nil // one uint256 or address
}

// unpack turns a call's reply into the fact's value. A revert or an empty
// answer is the chain saying "none": chainrpc.Client.Batch passes empty data only
// from an address without code.
func unpack(f *fact, r chainrpc.Reply) (uint256.Int, error) {
	var v uint256.Int
	if r.Reverted || len(r.Data) == 0 {
		return v, nil
	}
	var (
		n   *big.Int
		err error
	)
	switch f.kind {
	case balanceOf:
		n, err = erc721.UnpackBalanceOf(r.Data)
	case balanceOfID:
		n, err = erc1155.UnpackBalanceOf(r.Data)
	case ownerOf:
		owner, uerr := erc721.UnpackOwnerOf(r.Data)
		if owner == f.wallet {
			v.SetOne()
		}
		return v, uerr
	}
	if err != nil {
		return v, err
	}
	if v.SetFromBig(n) {
		return v, fmt.Errorf("balance %s overflows uint256", n)
	}
	return v, nil
}
