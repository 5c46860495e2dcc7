package main

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"net"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/internal/devchain"
)

// deployPass deploys the project's ERC-721 pass from deployer and mints one
// to viewer, returning the contract and the minted token id (from the
// Transfer event). A fresh chain and the deployer's first nonce give the
// same contract address every run, so the published asset's policy stays
// valid.
func deployPass(ctx context.Context, chain *devchain.Chain, deployer *ecdsa.PrivateKey, viewer common.Address) (common.Address, *big.Int, error) {
	opts := bind.NewKeyedTransactor(deployer, big.NewInt(devchain.ID))
	opts.Context = ctx
	ap := bindings.NewAccessPass()
	addr, tx, err := bind.DeployContract(opts, common.FromHex(bindings.AccessPassMetaData.Bin), chain.Client,
		ap.PackConstructor("StreamGate Demo Pass", "SGPASS", opts.From))
	if err != nil {
		return common.Address{}, nil, fmt.Errorf("deploying the pass: %w", err)
	}
	if _, err := mined(ctx, chain, tx); err != nil {
		return common.Address{}, nil, fmt.Errorf("deploying the pass: %w", err)
	}
	contract := bind.NewBoundContract(addr, abi.ABI{}, chain.Client, chain.Client, chain.Client)
	if tx, err = bind.Transact(contract, opts, ap.PackMint(viewer)); err != nil {
		return common.Address{}, nil, fmt.Errorf("minting the viewer's pass: %w", err)
	}
	r, err := mined(ctx, chain, tx)
	if err != nil {
		return common.Address{}, nil, fmt.Errorf("minting the viewer's pass: %w", err)
	}
	for _, l := range r.Logs {
		if ev, err := ap.UnpackTransferEvent(l); err == nil && l.Address == addr && ev.To == viewer {
			return addr, ev.TokenId, nil
		}
	}
	return common.Address{}, nil, fmt.Errorf("minting the viewer's pass: no Transfer to %s in %s", viewer, tx.Hash())
}

func mined(ctx context.Context, chain *devchain.Chain, tx *types.Transaction) (*types.Receipt, error) {
	r, err := bind.WaitMined(ctx, chain.Client, tx.Hash())
	if err != nil {
		return nil, err
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return nil, fmt.Errorf("transaction %s failed", tx.Hash())
	}
	return r, nil
}

func splitPort(addr string) (string, string, error) { return net.SplitHostPort(addr) }
