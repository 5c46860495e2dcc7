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

// AccessPassMetaData contains all meta data concerning the AccessPass contract.
var AccessPassMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"string\",\"name\":\"name_\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"symbol_\",\"type\":\"string\"},{\"internalType\":\"address\",\"name\":\"initialOwner\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC721IncorrectOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC721InsufficientApproval\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"approver\",\"type\":\"address\"}],\"name\":\"ERC721InvalidApprover\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"ERC721InvalidOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC721InvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"ERC721InvalidReceiver\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"ERC721InvalidSender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC721NonexistentToken\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnableInvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"OwnableUnauthorizedAccount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"approved\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"ApprovalForAll\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"burn\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getApproved\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"isApprovedForAll\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"}],\"name\":\"mint\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"name\":\"mintId\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ownerOf\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounceOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"setApprovalForAll\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"baseURI\",\"type\":\"string\"}],\"name\":\"setBaseURI\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"tokenURI\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "AccessPass",
	Bin: "0x60806040526001600755348015610014575f5ffd5b506040516116403803806116408339810160408190526100339161017e565b8083835f6100418382610292565b50600161004e8282610292565b5050506001600160a01b03811661007e57604051631e4fbdf760e01b81525f600482015260240160405180910390fd5b61008781610090565b50505050610350565b600680546001600160a01b038381166001600160a01b0319831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b634e487b7160e01b5f52604160045260245ffd5b5f82601f830112610104575f5ffd5b81516001600160401b0381111561011d5761011d6100e1565b604051601f8201601f19908116603f011681016001600160401b038111828210171561014b5761014b6100e1565b604052818152838201602001851015610162575f5ffd5b8160208501602083015e5f918101602001919091529392505050565b5f5f5f60608486031215610190575f5ffd5b83516001600160401b038111156101a5575f5ffd5b6101b1868287016100f5565b602086015190945090506001600160401b038111156101ce575f5ffd5b6101da868287016100f5565b604086015190935090506001600160a01b03811681146101f8575f5ffd5b809150509250925092565b600181811c9082168061021757607f821691505b60208210810361023557634e487b7160e01b5f52602260045260245ffd5b50919050565b601f82111561028d578282111561028d57805f5260205f20601f840160051c602085101561026657505f5b90810190601f840160051c035f5b81811015610289575f83820155600101610274565b5050505b505050565b81516001600160401b038111156102ab576102ab6100e1565b6102bf816102b98454610203565b8461023b565b6020601f8211600181146102f1575f83156102da5750848201515b5f19600385901b1c1916600184901b178455610349565b5f84815260208120601f198516915b828110156103205787850151825560209485019460019092019101610300565b508482101561033d57868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b6112e38061035d5f395ff3fe608060405234801561000f575f5ffd5b5060043610610127575f3560e01c80636a627842116100a9578063a22cb4651161006e578063a22cb4651461026f578063b88d4fde14610282578063c87b56dd14610295578063e985e9c5146102a8578063f2fde38b146102bb575f5ffd5b80636a6278421461021a57806370a082311461023b578063715018a61461024e5780638da5cb5b1461025657806395d89b4114610267575f5ffd5b806340d96d27116100ef57806340d96d27146101bb57806342842e0e146101ce57806342966c68146101e157806355f804b3146101f45780636352211e14610207575f5ffd5b806301ffc9a71461012b57806306fdde0314610153578063081812fc14610168578063095ea7b31461019357806323b872dd146101a8575b5f5ffd5b61013e610139366004610e09565b6102ce565b60405190151581526020015b60405180910390f35b61015b61031f565b60405161014a9190610e52565b61017b610176366004610e64565b6103ae565b6040516001600160a01b03909116815260200161014a565b6101a66101a1366004610e91565b6103d5565b005b6101a66101b6366004610eb9565b6103e4565b6101a66101c9366004610e91565b610472565b6101a66101dc366004610eb9565b610484565b6101a66101ef366004610e64565b6104a3565b6101a6610202366004610ef3565b6104ae565b61017b610215366004610e64565b6104c3565b61022d610228366004610f61565b6104cd565b60405190815260200161014a565b61022d610249366004610f61565b610524565b6101a6610569565b6006546001600160a01b031661017b565b61015b61057c565b6101a661027d366004610f7a565b61058b565b6101a6610290366004610fc7565b610596565b61015b6102a3366004610e64565b6105ae565b61013e6102b63660046110a4565b610613565b6101a66102c9366004610f61565b610640565b5f6001600160e01b031982166380ac58cd60e01b14806102fe57506001600160e01b03198216635b5e139f60e01b145b8061031957506301ffc9a760e01b6001600160e01b03198316145b92915050565b60605f805461032d906110d5565b80601f0160208091040260200160405190810160405280929190818152602001828054610359906110d5565b80156103a45780601f1061037b576101008083540402835291602001916103a4565b820191905f5260205f20905b81548152906001019060200180831161038757829003601f168201915b5050505050905090565b5f6103b88261067d565b505f828152600460205260409020546001600160a01b0316610319565b6103e08282336106b5565b5050565b6001600160a01b03821661041257604051633250574960e11b81525f60048201526024015b60405180910390fd5b5f61041e8383336106c2565b9050836001600160a01b0316816001600160a01b03161461046c576040516364283d7b60e01b81526001600160a01b0380861660048301526024820184905282166044820152606401610409565b50505050565b61047a6107b4565b6103e082826107e1565b61049e83838360405180602001604052805f815250610596565b505050565b6103e05f82336106c2565b6104b66107b4565b600861049e82848361115b565b5f6103198261067d565b5f6104d66107b4565b506007545b5f818152600260205260409020546001600160a01b0316156105075761050081611229565b90506104db565b610512816001611241565b60075561051f82826107e1565b919050565b5f6001600160a01b03821661054e576040516322718ad960e21b81525f6004820152602401610409565b506001600160a01b03165f9081526003602052604090205490565b6105716107b4565b61057a5f6107fa565b565b60606001805461032d906110d5565b6103e033838361084b565b6105a18484846103e4565b61046c3385858585610912565b60606105b98261067d565b505f6105c3610a3a565b90505f8151116105e15760405180602001604052805f81525061060c565b806105eb84610a49565b6040516020016105fc92919061126b565b6040516020818303038152906040525b9392505050565b6001600160a01b039182165f90815260056020908152604080832093909416825291909152205460ff1690565b6106486107b4565b6001600160a01b03811661067157604051631e4fbdf760e01b81525f6004820152602401610409565b61067a816107fa565b50565b5f818152600260205260408120546001600160a01b03168061031957604051637e27328960e01b815260048101849052602401610409565b61049e8383836001610ad9565b5f828152600260205260408120546001600160a01b03908116908316156106ee576106ee818486610bdd565b6001600160a01b03811615610728576107095f855f5f610ad9565b6001600160a01b0381165f90815260036020526040902080545f190190555b6001600160a01b03851615610756576001600160a01b0385165f908152600360205260409020805460010190555b5f8481526002602052604080822080546001600160a01b0319166001600160a01b0389811691821790925591518793918516917fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef91a4949350505050565b6006546001600160a01b0316331461057a5760405163118cdaa760e01b8152336004820152602401610409565b6103e0828260405180602001604052805f815250610c41565b600680546001600160a01b038381166001600160a01b0319831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b6001600160a01b0383166108745760405163a9fbf51f60e01b81525f6004820152602401610409565b6001600160a01b0382166108a657604051630b61174360e31b81526001600160a01b0383166004820152602401610409565b6001600160a01b038381165f81815260056020908152604080832094871680845294825291829020805460ff191686151590811790915591519182527f17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31910160405180910390a3505050565b6001600160a01b0383163b15610a3357604051630a85bd0160e11b81526001600160a01b0384169063150b7a029061095490889088908790879060040161127f565b6020604051808303815f875af192505050801561098e575060408051601f3d908101601f1916820190925261098b918101906112bb565b60015b6109f5573d8080156109bb576040519150601f19603f3d011682016040523d82523d5f602084013e6109c0565b606091505b5080515f036109ed57604051633250574960e11b81526001600160a01b0385166004820152602401610409565b805160208201fd5b6001600160e01b03198116630a85bd0160e11b14610a3157604051633250574960e11b81526001600160a01b0385166004820152602401610409565b505b5050505050565b60606008805461032d906110d5565b60605f610a5583610c58565b60010190505f8167ffffffffffffffff811115610a7457610a74610fb3565b6040519080825280601f01601f191660200182016040528015610a9e576020820181803683370190505b5090508181016020015b5f19016f181899199a1a9b1b9c1cb0b131b232b360811b600a86061a8153600a8504945084610aa857509392505050565b8080610aed57506001600160a01b03821615155b15610bae575f610afc8461067d565b90506001600160a01b03831615801590610b285750826001600160a01b0316816001600160a01b031614155b8015610b3b5750610b398184610613565b155b15610b645760405163a9fbf51f60e01b81526001600160a01b0384166004820152602401610409565b8115610bac5783856001600160a01b0316826001600160a01b03167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560405160405180910390a45b505b50505f90815260046020526040902080546001600160a01b0319166001600160a01b0392909216919091179055565b610be8838383610d2f565b61049e576001600160a01b038316610c1657604051637e27328960e01b815260048101829052602401610409565b60405163177e802f60e01b81526001600160a01b038316600482015260248101829052604401610409565b610c4b8383610d93565b61049e335f858585610912565b5f8072184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b8310610c965772184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b830492506040015b6d04ee2d6d415b85acef81000000008310610cc2576d04ee2d6d415b85acef8100000000830492506020015b662386f26fc100008310610ce057662386f26fc10000830492506010015b6305f5e1008310610cf8576305f5e100830492506008015b6127108310610d0c57612710830492506004015b60648310610d1e576064830492506002015b600a83106103195760010192915050565b5f6001600160a01b03831615801590610d8b5750826001600160a01b0316846001600160a01b03161480610d685750610d688484610613565b80610d8b57505f828152600460205260409020546001600160a01b038481169116145b949350505050565b6001600160a01b038216610dbc57604051633250574960e11b81525f6004820152602401610409565b5f610dc883835f6106c2565b90506001600160a01b0381161561049e576040516339e3563760e11b81525f6004820152602401610409565b6001600160e01b03198116811461067a575f5ffd5b5f60208284031215610e19575f5ffd5b813561060c81610df4565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f61060c6020830184610e24565b5f60208284031215610e74575f5ffd5b5035919050565b80356001600160a01b038116811461051f575f5ffd5b5f5f60408385031215610ea2575f5ffd5b610eab83610e7b565b946020939093013593505050565b5f5f5f60608486031215610ecb575f5ffd5b610ed484610e7b565b9250610ee260208501610e7b565b929592945050506040919091013590565b5f5f60208385031215610f04575f5ffd5b823567ffffffffffffffff811115610f1a575f5ffd5b8301601f81018513610f2a575f5ffd5b803567ffffffffffffffff811115610f40575f5ffd5b856020828401011115610f51575f5ffd5b6020919091019590945092505050565b5f60208284031215610f71575f5ffd5b61060c82610e7b565b5f5f60408385031215610f8b575f5ffd5b610f9483610e7b565b915060208301358015158114610fa8575f5ffd5b809150509250929050565b634e487b7160e01b5f52604160045260245ffd5b5f5f5f5f60808587031215610fda575f5ffd5b610fe385610e7b565b9350610ff160208601610e7b565b925060408501359150606085013567ffffffffffffffff811115611013575f5ffd5b8501601f81018713611023575f5ffd5b803567ffffffffffffffff81111561103d5761103d610fb3565b604051601f8201601f19908116603f0116810167ffffffffffffffff8111828210171561106c5761106c610fb3565b604052818152828201602001891015611083575f5ffd5b816020840160208301375f6020838301015280935050505092959194509250565b5f5f604083850312156110b5575f5ffd5b6110be83610e7b565b91506110cc60208401610e7b565b90509250929050565b600181811c908216806110e957607f821691505b60208210810361110757634e487b7160e01b5f52602260045260245ffd5b50919050565b601f82111561049e578282111561049e57805f5260205f20601f840160051c602085101561113857505f5b90810190601f840160051c035f5b81811015610a31575f83820155600101611146565b67ffffffffffffffff83111561117357611173610fb3565b6111878361118183546110d5565b8361110d565b5f601f8411600181146111b8575f85156111a15750838201355b5f19600387901b1c1916600186901b178355610a33565b5f83815260208120601f198716915b828110156111e757868501358255602094850194600190920191016111c7565b5086821015611203575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b634e487b7160e01b5f52601160045260245ffd5b5f6001820161123a5761123a611215565b5060010190565b8082018082111561031957610319611215565b5f81518060208401855e5f93019283525090919050565b5f610d8b6112798386611254565b84611254565b6001600160a01b03858116825284166020820152604081018390526080606082018190525f906112b190830184610e24565b9695505050505050565b5f602082840312156112cb575f5ffd5b815161060c81610df456fea164736f6c6343000825000a",
}

// AccessPass is an auto generated Go binding around an Ethereum contract.
type AccessPass struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *AccessPass) GetABI() abi.ABI {
	return c.abi
}

// NewAccessPass creates a new instance of AccessPass.
func NewAccessPass() *AccessPass {
	parsed, err := AccessPassMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &AccessPass{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *AccessPass) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(string name_, string symbol_, address initialOwner) returns()
func (accessPass *AccessPass) PackConstructor(name_ string, symbol_ string, initialOwner common.Address) []byte {
	enc, err := accessPass.abi.Pack("", name_, symbol_, initialOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address to, uint256 tokenId) returns()
func (accessPass *AccessPass) PackApprove(to common.Address, tokenId *big.Int) []byte {
	enc, err := accessPass.abi.Pack("approve", to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address to, uint256 tokenId) returns()
func (accessPass *AccessPass) TryPackApprove(to common.Address, tokenId *big.Int) ([]byte, error) {
	return accessPass.abi.Pack("approve", to, tokenId)
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (accessPass *AccessPass) PackBalanceOf(owner common.Address) []byte {
	enc, err := accessPass.abi.Pack("balanceOf", owner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (accessPass *AccessPass) TryPackBalanceOf(owner common.Address) ([]byte, error) {
	return accessPass.abi.Pack("balanceOf", owner)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (accessPass *AccessPass) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := accessPass.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackBurn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42966c68.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function burn(uint256 tokenId) returns()
func (accessPass *AccessPass) PackBurn(tokenId *big.Int) []byte {
	enc, err := accessPass.abi.Pack("burn", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBurn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42966c68.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function burn(uint256 tokenId) returns()
func (accessPass *AccessPass) TryPackBurn(tokenId *big.Int) ([]byte, error) {
	return accessPass.abi.Pack("burn", tokenId)
}

// PackGetApproved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x081812fc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (accessPass *AccessPass) PackGetApproved(tokenId *big.Int) []byte {
	enc, err := accessPass.abi.Pack("getApproved", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetApproved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x081812fc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (accessPass *AccessPass) TryPackGetApproved(tokenId *big.Int) ([]byte, error) {
	return accessPass.abi.Pack("getApproved", tokenId)
}

// UnpackGetApproved is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x081812fc.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (accessPass *AccessPass) UnpackGetApproved(data []byte) (common.Address, error) {
	out, err := accessPass.abi.Unpack("getApproved", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackIsApprovedForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe985e9c5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (accessPass *AccessPass) PackIsApprovedForAll(owner common.Address, operator common.Address) []byte {
	enc, err := accessPass.abi.Pack("isApprovedForAll", owner, operator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsApprovedForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe985e9c5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (accessPass *AccessPass) TryPackIsApprovedForAll(owner common.Address, operator common.Address) ([]byte, error) {
	return accessPass.abi.Pack("isApprovedForAll", owner, operator)
}

// UnpackIsApprovedForAll is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe985e9c5.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (accessPass *AccessPass) UnpackIsApprovedForAll(data []byte) (bool, error) {
	out, err := accessPass.abi.Unpack("isApprovedForAll", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6a627842.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(address to) returns(uint256 id)
func (accessPass *AccessPass) PackMint(to common.Address) []byte {
	enc, err := accessPass.abi.Pack("mint", to)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6a627842.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(address to) returns(uint256 id)
func (accessPass *AccessPass) TryPackMint(to common.Address) ([]byte, error) {
	return accessPass.abi.Pack("mint", to)
}

// UnpackMint is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6a627842.
//
// Solidity: function mint(address to) returns(uint256 id)
func (accessPass *AccessPass) UnpackMint(data []byte) (*big.Int, error) {
	out, err := accessPass.abi.Unpack("mint", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMintId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40d96d27.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mintId(address to, uint256 id) returns()
func (accessPass *AccessPass) PackMintId(to common.Address, id *big.Int) []byte {
	enc, err := accessPass.abi.Pack("mintId", to, id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMintId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40d96d27.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mintId(address to, uint256 id) returns()
func (accessPass *AccessPass) TryPackMintId(to common.Address, id *big.Int) ([]byte, error) {
	return accessPass.abi.Pack("mintId", to, id)
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (accessPass *AccessPass) PackName() []byte {
	enc, err := accessPass.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() view returns(string)
func (accessPass *AccessPass) TryPackName() ([]byte, error) {
	return accessPass.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (accessPass *AccessPass) UnpackName(data []byte) (string, error) {
	out, err := accessPass.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (accessPass *AccessPass) PackOwner() []byte {
	enc, err := accessPass.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (accessPass *AccessPass) TryPackOwner() ([]byte, error) {
	return accessPass.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (accessPass *AccessPass) UnpackOwner(data []byte) (common.Address, error) {
	out, err := accessPass.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackOwnerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6352211e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (accessPass *AccessPass) PackOwnerOf(tokenId *big.Int) []byte {
	enc, err := accessPass.abi.Pack("ownerOf", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwnerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6352211e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (accessPass *AccessPass) TryPackOwnerOf(tokenId *big.Int) ([]byte, error) {
	return accessPass.abi.Pack("ownerOf", tokenId)
}

// UnpackOwnerOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6352211e.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (accessPass *AccessPass) UnpackOwnerOf(data []byte) (common.Address, error) {
	out, err := accessPass.abi.Unpack("ownerOf", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function renounceOwnership() returns()
func (accessPass *AccessPass) PackRenounceOwnership() []byte {
	enc, err := accessPass.abi.Pack("renounceOwnership")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function renounceOwnership() returns()
func (accessPass *AccessPass) TryPackRenounceOwnership() ([]byte, error) {
	return accessPass.abi.Pack("renounceOwnership")
}

// PackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42842e0e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId) returns()
func (accessPass *AccessPass) PackSafeTransferFrom(from common.Address, to common.Address, tokenId *big.Int) []byte {
	enc, err := accessPass.abi.Pack("safeTransferFrom", from, to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42842e0e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId) returns()
func (accessPass *AccessPass) TryPackSafeTransferFrom(from common.Address, to common.Address, tokenId *big.Int) ([]byte, error) {
	return accessPass.abi.Pack("safeTransferFrom", from, to, tokenId)
}

// PackSafeTransferFrom0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88d4fde.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) returns()
func (accessPass *AccessPass) PackSafeTransferFrom0(from common.Address, to common.Address, tokenId *big.Int, data []byte) []byte {
	enc, err := accessPass.abi.Pack("safeTransferFrom0", from, to, tokenId, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSafeTransferFrom0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88d4fde.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) returns()
func (accessPass *AccessPass) TryPackSafeTransferFrom0(from common.Address, to common.Address, tokenId *big.Int, data []byte) ([]byte, error) {
	return accessPass.abi.Pack("safeTransferFrom0", from, to, tokenId, data)
}

// PackSetApprovalForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa22cb465.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setApprovalForAll(address operator, bool approved) returns()
func (accessPass *AccessPass) PackSetApprovalForAll(operator common.Address, approved bool) []byte {
	enc, err := accessPass.abi.Pack("setApprovalForAll", operator, approved)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetApprovalForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa22cb465.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setApprovalForAll(address operator, bool approved) returns()
func (accessPass *AccessPass) TryPackSetApprovalForAll(operator common.Address, approved bool) ([]byte, error) {
	return accessPass.abi.Pack("setApprovalForAll", operator, approved)
}

// PackSetBaseURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x55f804b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setBaseURI(string baseURI) returns()
func (accessPass *AccessPass) PackSetBaseURI(baseURI string) []byte {
	enc, err := accessPass.abi.Pack("setBaseURI", baseURI)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetBaseURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x55f804b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setBaseURI(string baseURI) returns()
func (accessPass *AccessPass) TryPackSetBaseURI(baseURI string) ([]byte, error) {
	return accessPass.abi.Pack("setBaseURI", baseURI)
}

// PackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (accessPass *AccessPass) PackSupportsInterface(interfaceId [4]byte) []byte {
	enc, err := accessPass.abi.Pack("supportsInterface", interfaceId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (accessPass *AccessPass) TryPackSupportsInterface(interfaceId [4]byte) ([]byte, error) {
	return accessPass.abi.Pack("supportsInterface", interfaceId)
}

// UnpackSupportsInterface is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (accessPass *AccessPass) UnpackSupportsInterface(data []byte) (bool, error) {
	out, err := accessPass.abi.Unpack("supportsInterface", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (accessPass *AccessPass) PackSymbol() []byte {
	enc, err := accessPass.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (accessPass *AccessPass) TryPackSymbol() ([]byte, error) {
	return accessPass.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (accessPass *AccessPass) UnpackSymbol(data []byte) (string, error) {
	out, err := accessPass.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTokenURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc87b56dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (accessPass *AccessPass) PackTokenURI(tokenId *big.Int) []byte {
	enc, err := accessPass.abi.Pack("tokenURI", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTokenURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc87b56dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (accessPass *AccessPass) TryPackTokenURI(tokenId *big.Int) ([]byte, error) {
	return accessPass.abi.Pack("tokenURI", tokenId)
}

// UnpackTokenURI is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc87b56dd.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (accessPass *AccessPass) UnpackTokenURI(data []byte) (string, error) {
	out, err := accessPass.abi.Unpack("tokenURI", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 tokenId) returns()
func (accessPass *AccessPass) PackTransferFrom(from common.Address, to common.Address, tokenId *big.Int) []byte {
	enc, err := accessPass.abi.Pack("transferFrom", from, to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 tokenId) returns()
func (accessPass *AccessPass) TryPackTransferFrom(from common.Address, to common.Address, tokenId *big.Int) ([]byte, error) {
	return accessPass.abi.Pack("transferFrom", from, to, tokenId)
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (accessPass *AccessPass) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := accessPass.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (accessPass *AccessPass) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return accessPass.abi.Pack("transferOwnership", newOwner)
}

// AccessPassApproval represents a Approval event raised by the AccessPass contract.
type AccessPassApproval struct {
	Owner    common.Address
	Approved common.Address
	TokenId  *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const AccessPassApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (AccessPassApproval) ContractEventName() string {
	return AccessPassApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)
func (accessPass *AccessPass) UnpackApprovalEvent(log *types.Log) (*AccessPassApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != accessPass.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AccessPassApproval)
	if len(log.Data) > 0 {
		if err := accessPass.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range accessPass.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// AccessPassApprovalForAll represents a ApprovalForAll event raised by the AccessPass contract.
type AccessPassApprovalForAll struct {
	Owner    common.Address
	Operator common.Address
	Approved bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const AccessPassApprovalForAllEventName = "ApprovalForAll"

// ContractEventName returns the user-defined event name.
func (AccessPassApprovalForAll) ContractEventName() string {
	return AccessPassApprovalForAllEventName
}

// UnpackApprovalForAllEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ApprovalForAll(address indexed owner, address indexed operator, bool approved)
func (accessPass *AccessPass) UnpackApprovalForAllEvent(log *types.Log) (*AccessPassApprovalForAll, error) {
	event := "ApprovalForAll"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != accessPass.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AccessPassApprovalForAll)
	if len(log.Data) > 0 {
		if err := accessPass.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range accessPass.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// AccessPassOwnershipTransferred represents a OwnershipTransferred event raised by the AccessPass contract.
type AccessPassOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const AccessPassOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (AccessPassOwnershipTransferred) ContractEventName() string {
	return AccessPassOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (accessPass *AccessPass) UnpackOwnershipTransferredEvent(log *types.Log) (*AccessPassOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != accessPass.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AccessPassOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := accessPass.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range accessPass.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// AccessPassTransfer represents a Transfer event raised by the AccessPass contract.
type AccessPassTransfer struct {
	From    common.Address
	To      common.Address
	TokenId *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const AccessPassTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (AccessPassTransfer) ContractEventName() string {
	return AccessPassTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)
func (accessPass *AccessPass) UnpackTransferEvent(log *types.Log) (*AccessPassTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != accessPass.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AccessPassTransfer)
	if len(log.Data) > 0 {
		if err := accessPass.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range accessPass.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (accessPass *AccessPass) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], accessPass.abi.Errors["ERC721IncorrectOwner"].ID.Bytes()[:4]) {
		return accessPass.UnpackERC721IncorrectOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], accessPass.abi.Errors["ERC721InsufficientApproval"].ID.Bytes()[:4]) {
		return accessPass.UnpackERC721InsufficientApprovalError(raw[4:])
	}
	if bytes.Equal(raw[:4], accessPass.abi.Errors["ERC721InvalidApprover"].ID.Bytes()[:4]) {
		return accessPass.UnpackERC721InvalidApproverError(raw[4:])
	}
	if bytes.Equal(raw[:4], accessPass.abi.Errors["ERC721InvalidOperator"].ID.Bytes()[:4]) {
		return accessPass.UnpackERC721InvalidOperatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], accessPass.abi.Errors["ERC721InvalidOwner"].ID.Bytes()[:4]) {
		return accessPass.UnpackERC721InvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], accessPass.abi.Errors["ERC721InvalidReceiver"].ID.Bytes()[:4]) {
		return accessPass.UnpackERC721InvalidReceiverError(raw[4:])
	}
	if bytes.Equal(raw[:4], accessPass.abi.Errors["ERC721InvalidSender"].ID.Bytes()[:4]) {
		return accessPass.UnpackERC721InvalidSenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], accessPass.abi.Errors["ERC721NonexistentToken"].ID.Bytes()[:4]) {
		return accessPass.UnpackERC721NonexistentTokenError(raw[4:])
	}
	if bytes.Equal(raw[:4], accessPass.abi.Errors["OwnableInvalidOwner"].ID.Bytes()[:4]) {
		return accessPass.UnpackOwnableInvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], accessPass.abi.Errors["OwnableUnauthorizedAccount"].ID.Bytes()[:4]) {
		return accessPass.UnpackOwnableUnauthorizedAccountError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// AccessPassERC721IncorrectOwner represents a ERC721IncorrectOwner error raised by the AccessPass contract.
type AccessPassERC721IncorrectOwner struct {
	Sender  common.Address
	TokenId *big.Int
	Owner   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)
func AccessPassERC721IncorrectOwnerErrorID() common.Hash {
	return common.HexToHash("0x64283d7b313c8117c125f736876fa2b4e90ea3831a4716dfdb87d2f540e26289")
}

// UnpackERC721IncorrectOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)
func (accessPass *AccessPass) UnpackERC721IncorrectOwnerError(raw []byte) (*AccessPassERC721IncorrectOwner, error) {
	out := new(AccessPassERC721IncorrectOwner)
	if err := accessPass.abi.UnpackIntoInterface(out, "ERC721IncorrectOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AccessPassERC721InsufficientApproval represents a ERC721InsufficientApproval error raised by the AccessPass contract.
type AccessPassERC721InsufficientApproval struct {
	Operator common.Address
	TokenId  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InsufficientApproval(address operator, uint256 tokenId)
func AccessPassERC721InsufficientApprovalErrorID() common.Hash {
	return common.HexToHash("0x177e802f6f313bc89797ecace66d6d29ab4719cbaaacbb87367264048b1eb861")
}

// UnpackERC721InsufficientApprovalError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InsufficientApproval(address operator, uint256 tokenId)
func (accessPass *AccessPass) UnpackERC721InsufficientApprovalError(raw []byte) (*AccessPassERC721InsufficientApproval, error) {
	out := new(AccessPassERC721InsufficientApproval)
	if err := accessPass.abi.UnpackIntoInterface(out, "ERC721InsufficientApproval", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AccessPassERC721InvalidApprover represents a ERC721InvalidApprover error raised by the AccessPass contract.
type AccessPassERC721InvalidApprover struct {
	Approver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidApprover(address approver)
func AccessPassERC721InvalidApproverErrorID() common.Hash {
	return common.HexToHash("0xa9fbf51f86b8e03595d59dc726bb10c329bb24f62589be276d8dd193ca0b69ea")
}

// UnpackERC721InvalidApproverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidApprover(address approver)
func (accessPass *AccessPass) UnpackERC721InvalidApproverError(raw []byte) (*AccessPassERC721InvalidApprover, error) {
	out := new(AccessPassERC721InvalidApprover)
	if err := accessPass.abi.UnpackIntoInterface(out, "ERC721InvalidApprover", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AccessPassERC721InvalidOperator represents a ERC721InvalidOperator error raised by the AccessPass contract.
type AccessPassERC721InvalidOperator struct {
	Operator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidOperator(address operator)
func AccessPassERC721InvalidOperatorErrorID() common.Hash {
	return common.HexToHash("0x5b08ba185e8f577075361f3a3555a6580a227ce22734dcc979c1aeadf894658b")
}

// UnpackERC721InvalidOperatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidOperator(address operator)
func (accessPass *AccessPass) UnpackERC721InvalidOperatorError(raw []byte) (*AccessPassERC721InvalidOperator, error) {
	out := new(AccessPassERC721InvalidOperator)
	if err := accessPass.abi.UnpackIntoInterface(out, "ERC721InvalidOperator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AccessPassERC721InvalidOwner represents a ERC721InvalidOwner error raised by the AccessPass contract.
type AccessPassERC721InvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidOwner(address owner)
func AccessPassERC721InvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x89c62b6479af2e623826dcc39c5133061d35b66d72de92833401dd2fd6567480")
}

// UnpackERC721InvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidOwner(address owner)
func (accessPass *AccessPass) UnpackERC721InvalidOwnerError(raw []byte) (*AccessPassERC721InvalidOwner, error) {
	out := new(AccessPassERC721InvalidOwner)
	if err := accessPass.abi.UnpackIntoInterface(out, "ERC721InvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AccessPassERC721InvalidReceiver represents a ERC721InvalidReceiver error raised by the AccessPass contract.
type AccessPassERC721InvalidReceiver struct {
	Receiver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidReceiver(address receiver)
func AccessPassERC721InvalidReceiverErrorID() common.Hash {
	return common.HexToHash("0x64a0ae9278f805eaf991dcd18ca78756d280b7508b764ef1b255c55845c11df9")
}

// UnpackERC721InvalidReceiverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidReceiver(address receiver)
func (accessPass *AccessPass) UnpackERC721InvalidReceiverError(raw []byte) (*AccessPassERC721InvalidReceiver, error) {
	out := new(AccessPassERC721InvalidReceiver)
	if err := accessPass.abi.UnpackIntoInterface(out, "ERC721InvalidReceiver", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AccessPassERC721InvalidSender represents a ERC721InvalidSender error raised by the AccessPass contract.
type AccessPassERC721InvalidSender struct {
	Sender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidSender(address sender)
func AccessPassERC721InvalidSenderErrorID() common.Hash {
	return common.HexToHash("0x73c6ac6e10798e95d99e1f130d923eb40193ecb8d094ec3dce93292564eb3b17")
}

// UnpackERC721InvalidSenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidSender(address sender)
func (accessPass *AccessPass) UnpackERC721InvalidSenderError(raw []byte) (*AccessPassERC721InvalidSender, error) {
	out := new(AccessPassERC721InvalidSender)
	if err := accessPass.abi.UnpackIntoInterface(out, "ERC721InvalidSender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AccessPassERC721NonexistentToken represents a ERC721NonexistentToken error raised by the AccessPass contract.
type AccessPassERC721NonexistentToken struct {
	TokenId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721NonexistentToken(uint256 tokenId)
func AccessPassERC721NonexistentTokenErrorID() common.Hash {
	return common.HexToHash("0x7e273289a3a9ef6670f06df7dca227856fc925e956db96980692764a8bc734d7")
}

// UnpackERC721NonexistentTokenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721NonexistentToken(uint256 tokenId)
func (accessPass *AccessPass) UnpackERC721NonexistentTokenError(raw []byte) (*AccessPassERC721NonexistentToken, error) {
	out := new(AccessPassERC721NonexistentToken)
	if err := accessPass.abi.UnpackIntoInterface(out, "ERC721NonexistentToken", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AccessPassOwnableInvalidOwner represents a OwnableInvalidOwner error raised by the AccessPass contract.
type AccessPassOwnableInvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableInvalidOwner(address owner)
func AccessPassOwnableInvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x1e4fbdf7f3ef8bcaa855599e3abf48b232380f183f08f6f813d9ffa5bd585188")
}

// UnpackOwnableInvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableInvalidOwner(address owner)
func (accessPass *AccessPass) UnpackOwnableInvalidOwnerError(raw []byte) (*AccessPassOwnableInvalidOwner, error) {
	out := new(AccessPassOwnableInvalidOwner)
	if err := accessPass.abi.UnpackIntoInterface(out, "OwnableInvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AccessPassOwnableUnauthorizedAccount represents a OwnableUnauthorizedAccount error raised by the AccessPass contract.
type AccessPassOwnableUnauthorizedAccount struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func AccessPassOwnableUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0x118cdaa7a341953d1887a2245fd6665d741c67c8c50581daa59e1d03373fa188")
}

// UnpackOwnableUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func (accessPass *AccessPass) UnpackOwnableUnauthorizedAccountError(raw []byte) (*AccessPassOwnableUnauthorizedAccount, error) {
	out := new(AccessPassOwnableUnauthorizedAccount)
	if err := accessPass.abi.UnpackIntoInterface(out, "OwnableUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}
