// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// SigCheck6492MetaData contains all meta data concerning the SigCheck6492 contract.
var SigCheck6492MetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"wallet\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"hash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"sig\",\"type\":\"bytes\"},{\"internalType\":\"address\",\"name\":\"factory\",\"type\":\"address\"},{\"internalType\":\"bytes\",\"name\":\"factoryCalldata\",\"type\":\"bytes\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"}]",
	ID:  "SigCheck6492",
	Bin: "0x608060405234801561000f575f5ffd5b5060405161035738038061035783398101604081905261002e91610248565b846001600160a01b03163b5f0361009b575f826001600160a01b03168260405161005891906102d6565b5f604051808303815f865af19150503d805f8114610091576040519150601f19603f3d011682016040523d82523d5f602084013e610096565b606091505b505050505b5f6001600160a01b0386163b15610187575f5f876001600160a01b031687876040516024016100cb9291906102ec565b60408051601f198184030181529181526020820180516001600160e01b0316630b135d3f60e11b1790525161010091906102d6565b5f60405180830381855afa9150503d805f8114610138576040519150601f19603f3d011682016040523d82523d5f602084013e61013d565b606091505b509150915081801561015157506020815110155b801561018257508051630b135d3f60e11b906101769083016020908101908401610328565b6001600160e01b031916145b925050505b805f526001601ff35b80516001600160a01b03811681146101a6575f5ffd5b919050565b634e487b7160e01b5f52604160045260245ffd5b5f82601f8301126101ce575f5ffd5b81516001600160401b038111156101e7576101e76101ab565b604051601f8201601f19908116603f011681016001600160401b0381118282101715610215576102156101ab565b60405281815283820160200185101561022c575f5ffd5b8160208501602083015e5f918101602001919091529392505050565b5f5f5f5f5f60a0868803121561025c575f5ffd5b61026586610190565b6020870151604088015191965094506001600160401b03811115610287575f5ffd5b610293888289016101bf565b9350506102a260608701610190565b60808701519092506001600160401b038111156102bd575f5ffd5b6102c9888289016101bf565b9150509295509295909350565b5f82518060208501845e5f920191825250919050565b828152604060208201525f82518060408401528060208501606085015e5f606082850101526060601f19601f8301168401019150509392505050565b5f60208284031215610338575f5ffd5b81516001600160e01b03198116811461034f575f5ffd5b939250505056fe",
}

// SigCheck6492 is an auto generated Go binding around an Ethereum contract.
type SigCheck6492 struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *SigCheck6492) GetABI() abi.ABI {
	return c.abi
}

// NewSigCheck6492 creates a new instance of SigCheck6492.
func NewSigCheck6492() *SigCheck6492 {
	parsed, err := SigCheck6492MetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &SigCheck6492{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *SigCheck6492) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address wallet, bytes32 hash, bytes sig, address factory, bytes factoryCalldata) returns()
func (sigCheck6492 *SigCheck6492) PackConstructor(wallet common.Address, hash [32]byte, sig []byte, factory common.Address, factoryCalldata []byte) []byte {
	enc, err := sigCheck6492.abi.Pack("", wallet, hash, sig, factory, factoryCalldata)
	if err != nil {
		panic(err)
	}
	return enc
}
