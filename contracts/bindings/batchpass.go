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

// BatchPassMetaData contains all meta data concerning the BatchPass contract.
var BatchPassMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"string\",\"name\":\"name_\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"symbol_\",\"type\":\"string\"},{\"internalType\":\"address\",\"name\":\"initialOwner\",\"type\":\"address\"},{\"internalType\":\"address[]\",\"name\":\"batchTo\",\"type\":\"address[]\"},{\"internalType\":\"uint96[]\",\"name\":\"batchSizes\",\"type\":\"uint96[]\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"CheckpointUnorderedInsertion\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"batchSize\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxBatch\",\"type\":\"uint256\"}],\"name\":\"ERC721ExceededMaxBatchMint\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ERC721ForbiddenBatchBurn\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ERC721ForbiddenBatchMint\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ERC721ForbiddenMint\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC721IncorrectOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC721InsufficientApproval\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"approver\",\"type\":\"address\"}],\"name\":\"ERC721InvalidApprover\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"ERC721InvalidOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC721InvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"ERC721InvalidReceiver\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"ERC721InvalidSender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC721NonexistentToken\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnableInvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"OwnableUnauthorizedAccount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"approved\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"ApprovalForAll\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"fromTokenId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"toTokenId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"fromAddress\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"toAddress\",\"type\":\"address\"}],\"name\":\"ConsecutiveTransfer\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"burn\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getApproved\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"isApprovedForAll\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address[]\",\"name\":\"to\",\"type\":\"address[]\"}],\"name\":\"mintMany\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"first\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ownerOf\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounceOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"setApprovalForAll\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"tokenURI\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "BatchPass",
	Bin: "0x608060405234801561000f575f5ffd5b50604051611dca380380611dca83398101604081905261002e916106b1565b8285855f61003c8382610868565b5060016100498282610868565b5050506001600160a01b03811661007a57604051631e4fbdf760e01b81525f60048201526024015b60405180910390fd5b61008381610173565b5080518251146100d55760405162461bcd60e51b815260206004820152601a60248201527f4261746368506173733a206c656e677468206d69736d617463680000000000006044820152606401610071565b60015f5b8351811015610164578281815181106100f4576100f4610926565b60200260200101516001600160601b031661014785838151811061011a5761011a610926565b602002602001015185848151811061013457610134610926565b60200260200101516101c460201b60201c565b6001600160601b031661015a919061094e565b91506001016100d9565b50600955506109b29350505050565b600880546001600160a01b038381166001600160a01b0319831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b5f806101ce61030d565b90506001600160601b0383161561030457303b156101ff576040516329cfc83160e11b815260040160405180910390fd5b6001600160a01b03841661022857604051633250574960e11b81525f6004820152602401610071565b6113886001600160601b038416811015610267576040516308f58e5760e41b81526001600160601b038516600482015260248101829052604401610071565b5f60016102748685610961565b61027e9190610980565b905061028c6006828861033d565b50506001600160a01b0386165f90815260036020526040902080546001600160601b0387160190556040516001600160601b0382811682526001600160a01b038816915f918616907fdeaa91b6123d068f5821d0fb0678463d1a8a6079fe8af5de3ce5e896dcf9133d9060200160405180910390a450505b90505b92915050565b5f808061031a6006610357565b50915091508161032b576001610336565b610336816001610961565b9250505090565b5f8061034a8585856103cd565b915091505b935093915050565b80545f9081908190808203610375575f5f5f935093509350506103c6565b5f6103928661038560018561099f565b5f91825260209091200190565b54600195506001600160601b03811694506c0100000000000000000000000090046001600160a01b031692506103c6915050565b9193909250565b82545f90819080156104e3575f6103e98761038560018561099f565b80549091506001600160601b03808216916c0100000000000000000000000090046001600160a01b031690881682111561043657604051632520601d60e01b815260040160405180910390fd5b876001600160601b0316826001600160601b03160361047b5782546001600160601b03166c010000000000000000000000006001600160a01b038916021783556104d5565b604080518082019091526001600160601b03808a1682526001600160a01b03808a1660208085019182528d54600181018f555f8f815291909120945191519092166c01000000000000000000000000029216919091179101555b945085935061034f92505050565b5050604080518082019091526001600160601b0380851682526001600160a01b0380851660208085019182528854600181018a555f8a8152918220955192519093166c0100000000000000000000000002919093161792019190915590508161034f565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f191681016001600160401b038111828210171561058357610583610547565b604052919050565b5f82601f83011261059a575f5ffd5b81516001600160401b038111156105b3576105b3610547565b6105c6601f8201601f191660200161055b565b8181528460208386010111156105da575f5ffd5b8160208501602083015e5f918101602001919091529392505050565b80516001600160a01b038116811461060c575f5ffd5b919050565b5f6001600160401b0382111561062957610629610547565b5060051b60200190565b5f82601f830112610642575f5ffd5b815161065561065082610611565b61055b565b8082825260208201915060208360051b860101925085831115610676575f5ffd5b602085015b838110156106a75780516001600160601b0381168114610699575f5ffd5b83526020928301920161067b565b5095945050505050565b5f5f5f5f5f60a086880312156106c5575f5ffd5b85516001600160401b038111156106da575f5ffd5b6106e68882890161058b565b602088015190965090506001600160401b03811115610703575f5ffd5b61070f8882890161058b565b94505061071e604087016105f6565b60608701519093506001600160401b03811115610739575f5ffd5b8601601f81018813610749575f5ffd5b805161075761065082610611565b8082825260208201915060208360051b85010192508a831115610778575f5ffd5b6020840193505b828410156107a157610790846105f6565b82526020938401939091019061077f565b60808a0151909550925050506001600160401b038111156107c0575f5ffd5b6107cc88828901610633565b9150509295509295909350565b600181811c908216806107ed57607f821691505b60208210810361080b57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f821115610863578282111561086357805f5260205f20601f840160051c602085101561083c57505f5b90810190601f840160051c035f5b8181101561085f575f8382015560010161084a565b5050505b505050565b81516001600160401b0381111561088157610881610547565b6108958161088f84546107d9565b84610811565b6020601f8211600181146108c7575f83156108b05750848201515b5f19600385901b1c1916600184901b17845561091f565b5f84815260208120601f198516915b828110156108f657878501518255602094850194600190920191016108d6565b508482101561091357868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b634e487b7160e01b5f52603260045260245ffd5b634e487b7160e01b5f52601160045260245ffd5b808201808211156103075761030761093a565b6001600160601b0381811683821601908111156103075761030761093a565b6001600160601b0382811682821603908111156103075761030761093a565b818103818111156103075761030761093a565b61140b806109bf5f395ff3fe608060405234801561000f575f5ffd5b5060043610610111575f3560e01c806370a082311161009e578063a22cb4651161006e578063a22cb46514610233578063b88d4fde14610246578063c87b56dd14610259578063e985e9c51461026c578063f2fde38b1461027f575f5ffd5b806370a08231146101ff578063715018a6146102125780638da5cb5b1461021a57806395d89b411461022b575f5ffd5b806323b872dd116100e457806323b872dd14610192578063397ada21146101a557806342842e0e146101c657806342966c68146101d95780636352211e146101ec575f5ffd5b806301ffc9a71461011557806306fdde031461013d578063081812fc14610152578063095ea7b31461017d575b5f5ffd5b610128610123366004611003565b610292565b60405190151581526020015b60405180910390f35b6101456102e3565b604051610134919061104c565b61016561016036600461105e565b610372565b6040516001600160a01b039091168152602001610134565b61019061018b366004611090565b610399565b005b6101906101a03660046110b8565b6103a8565b6101b86101b33660046110f2565b610436565b604051908152602001610134565b6101906101d43660046110b8565b6104a2565b6101906101e736600461105e565b6104c1565b6101656101fa36600461105e565b6104cc565b6101b861020d366004611163565b6104d6565b61019061051b565b6008546001600160a01b0316610165565b61014561052e565b61019061024136600461117c565b61053d565b6101906102543660046111c9565b610548565b61014561026736600461105e565b610560565b61012861027a3660046112a6565b6105d1565b61019061028d366004611163565b6105fe565b5f6001600160e01b031982166380ac58cd60e01b14806102c257506001600160e01b03198216635b5e139f60e01b145b806102dd57506301ffc9a760e01b6001600160e01b03198316145b92915050565b60605f80546102f1906112d7565b80601f016020809104026020016040519081016040528092919081815260200182805461031d906112d7565b80156103685780601f1061033f57610100808354040283529160200191610368565b820191905f5260205f20905b81548152906001019060200180831161034b57829003601f168201915b5050505050905090565b5f61037c8261063b565b505f828152600460205260409020546001600160a01b03166102dd565b6103a4828233610672565b5050565b6001600160a01b0382166103d657604051633250574960e11b81525f60048201526024015b60405180910390fd5b5f6103e283833361067f565b9050836001600160a01b0316816001600160a01b031614610430576040516364283d7b60e01b81526001600160a01b03808616600483015260248201849052821660448201526064016103cd565b50505050565b5f61043f610693565b506009545f5b8281101561048e576104868484838181106104625761046261130f565b90506020020160208101906104779190611163565b6104818385611337565b6106c0565b600101610445565b506104998282611337565b60095592915050565b6104bc83838360405180602001604052805f815250610548565b505050565b6103a45f823361067f565b5f6102dd8261063b565b5f6001600160a01b038216610500576040516322718ad960e21b81525f60048201526024016103cd565b506001600160a01b03165f9081526003602052604090205490565b610523610693565b61052c5f610721565b565b6060600180546102f1906112d7565b6103a4338383610772565b6105538484846103a8565b6104303385858585610839565b606061056b8261063b565b505f61058160408051602081019091525f815290565b90505f81511161059f5760405180602001604052805f8152506105ca565b806105a984610961565b6040516020016105ba929190611361565b6040516020818303038152906040525b9392505050565b6001600160a01b039182165f90815260056020908152604080832093909416825291909152205460ff1690565b610606610693565b6001600160a01b03811661062f57604051631e4fbdf760e01b81525f60048201526024016103cd565b61063881610721565b50565b5f5f610646836109f1565b90506001600160a01b0381166102dd57604051637e27328960e01b8152600481018490526024016103cd565b6104bc83838360016109fb565b5f61068b848484610aff565b949350505050565b6008546001600160a01b0316331461052c5760405163118cdaa760e01b81523360048201526024016103cd565b6001600160a01b0382166106e957604051633250574960e11b81525f60048201526024016103cd565b5f6106f583835f61067f565b90506001600160a01b038116156104bc576040516339e3563760e11b81525f60048201526024016103cd565b600880546001600160a01b038381166001600160a01b0319831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b6001600160a01b03831661079b5760405163a9fbf51f60e01b81525f60048201526024016103cd565b6001600160a01b0382166107cd57604051630b61174360e31b81526001600160a01b03831660048201526024016103cd565b6001600160a01b038381165f81815260056020908152604080832094871680845294825291829020805460ff191686151590811790915591519182527f17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31910160405180910390a3505050565b6001600160a01b0383163b1561095a57604051630a85bd0160e11b81526001600160a01b0384169063150b7a029061087b908890889087908790600401611375565b6020604051808303815f875af19250505080156108b5575060408051601f3d908101601f191682019092526108b2918101906113b1565b60015b61091c573d8080156108e2576040519150601f19603f3d011682016040523d82523d5f602084013e6108e7565b606091505b5080515f0361091457604051633250574960e11b81526001600160a01b03851660048201526024016103cd565b805160208201fd5b6001600160e01b03198116630a85bd0160e11b1461095857604051633250574960e11b81526001600160a01b03851660048201526024016103cd565b505b5050505050565b60605f61096d83610bb4565b60010190505f8167ffffffffffffffff81111561098c5761098c6111b5565b6040519080825280601f01601f1916602001820160405280156109b6576020820181803683370190505b5090508181016020015b5f19016f181899199a1a9b1b9c1cb0b131b232b360811b600a86061a8153600a85049450846109c057509392505050565b5f6102dd82610c8b565b8080610a0f57506001600160a01b03821615155b15610ad0575f610a1e8461063b565b90506001600160a01b03831615801590610a4a5750826001600160a01b0316816001600160a01b031614155b8015610a5d5750610a5b81846105d1565b155b15610a865760405163a9fbf51f60e01b81526001600160a01b03841660048201526024016103cd565b8115610ace5783856001600160a01b0316826001600160a01b03167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560405160405180910390a45b505b50505f90815260046020526040902080546001600160a01b0319166001600160a01b0392909216919091179055565b5f5f610b0c858585610d03565b90506001600160a01b038116158015610b245750303b155b15610b42576040516356c4a82960e11b815260040160405180910390fd5b6001600160a01b038516158015610b685750610b5c610df0565b6001600160601b031684105b8015610b8c5750600884901c5f90815260076020526040902054600160ff86161b16155b1561068b57600884901c5f9081526007602052604090208054600160ff87161b17905561068b565b5f8072184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b8310610bf25772184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b830492506040015b6d04ee2d6d415b85acef81000000008310610c1e576d04ee2d6d415b85acef8100000000830492506020015b662386f26fc100008310610c3c57662386f26fc10000830492506010015b6305f5e1008310610c54576305f5e100830492506008015b6127108310610c6857612710830492506004015b60648310610c7a576064830492506002015b600a83106102dd5760010192915050565b5f818152600260205260408120546001600160a01b031680151580610cb657506001600160601b0383115b80610cc15750600183105b15610ccc5792915050565b600883901c5f90815260076020526040902054600160ff85161b16610cfb57610cf6600684610e20565b6105ca565b5f9392505050565b5f5f610d0e846109f1565b90506001600160a01b03831615610d2a57610d2a818486610e65565b6001600160a01b03811615610d6457610d455f855f5f6109fb565b6001600160a01b0381165f90815260036020526040902080545f190190555b6001600160a01b03851615610d92576001600160a01b0385165f908152600360205260409020805460010190555b5f8481526002602052604080822080546001600160a01b0319166001600160a01b0389811691821790925591518793918516917fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef91a4949350505050565b5f5f5f610dfd6006610ec9565b509150915081610e0e576001610e19565b610e198160016113cc565b9250505090565b81545f9081610e3185858385610f36565b9050818114610e5a575f85815260209020810154600160601b90046001600160a01b0316610e5c565b5f5b95945050505050565b610e70838383610f8d565b6104bc576001600160a01b038316610e9e57604051637e27328960e01b8152600481018290526024016103cd565b60405163177e802f60e01b81526001600160a01b0383166004820152602481018290526044016103cd565b80545f9081908190808203610ee7575f5f5f93509350935050610f2f565b5f610f0486610ef76001856113eb565b5f91825260209091200190565b54600195506001600160601b0381169450600160601b90046001600160a01b03169250610f2f915050565b9193909250565b5f5b81831015610f85575f8581526020902083831660028585180401908101546001600160601b0386811691161015610f7b57610f74816001611337565b9350610f7f565b8092505b50610f38565b509392505050565b5f6001600160a01b0383161580159061068b5750826001600160a01b0316846001600160a01b03161480610fc65750610fc684846105d1565b8061068b5750505f908152600460205260409020546001600160a01b03908116911614919050565b6001600160e01b031981168114610638575f5ffd5b5f60208284031215611013575f5ffd5b81356105ca81610fee565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f6105ca602083018461101e565b5f6020828403121561106e575f5ffd5b5035919050565b80356001600160a01b038116811461108b575f5ffd5b919050565b5f5f604083850312156110a1575f5ffd5b6110aa83611075565b946020939093013593505050565b5f5f5f606084860312156110ca575f5ffd5b6110d384611075565b92506110e160208501611075565b929592945050506040919091013590565b5f5f60208385031215611103575f5ffd5b823567ffffffffffffffff811115611119575f5ffd5b8301601f81018513611129575f5ffd5b803567ffffffffffffffff81111561113f575f5ffd5b8560208260051b8401011115611153575f5ffd5b6020919091019590945092505050565b5f60208284031215611173575f5ffd5b6105ca82611075565b5f5f6040838503121561118d575f5ffd5b61119683611075565b9150602083013580151581146111aa575f5ffd5b809150509250929050565b634e487b7160e01b5f52604160045260245ffd5b5f5f5f5f608085870312156111dc575f5ffd5b6111e585611075565b93506111f360208601611075565b925060408501359150606085013567ffffffffffffffff811115611215575f5ffd5b8501601f81018713611225575f5ffd5b803567ffffffffffffffff81111561123f5761123f6111b5565b604051601f8201601f19908116603f0116810167ffffffffffffffff8111828210171561126e5761126e6111b5565b604052818152828201602001891015611285575f5ffd5b816020840160208301375f6020838301015280935050505092959194509250565b5f5f604083850312156112b7575f5ffd5b6112c083611075565b91506112ce60208401611075565b90509250929050565b600181811c908216806112eb57607f821691505b60208210810361130957634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52603260045260245ffd5b634e487b7160e01b5f52601160045260245ffd5b808201808211156102dd576102dd611323565b5f81518060208401855e5f93019283525090919050565b5f61068b61136f838661134a565b8461134a565b6001600160a01b03858116825284166020820152604081018390526080606082018190525f906113a79083018461101e565b9695505050505050565b5f602082840312156113c1575f5ffd5b81516105ca81610fee565b6001600160601b0381811683821601908111156102dd576102dd611323565b818103818111156102dd576102dd61132356fea164736f6c6343000825000a",
}

// BatchPass is an auto generated Go binding around an Ethereum contract.
type BatchPass struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *BatchPass) GetABI() abi.ABI {
	return c.abi
}

// NewBatchPass creates a new instance of BatchPass.
func NewBatchPass() *BatchPass {
	parsed, err := BatchPassMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &BatchPass{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *BatchPass) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(string name_, string symbol_, address initialOwner, address[] batchTo, uint96[] batchSizes) returns()
func (batchPass *BatchPass) PackConstructor(name_ string, symbol_ string, initialOwner common.Address, batchTo []common.Address, batchSizes []*big.Int) []byte {
	enc, err := batchPass.abi.Pack("", name_, symbol_, initialOwner, batchTo, batchSizes)
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
func (batchPass *BatchPass) PackApprove(to common.Address, tokenId *big.Int) []byte {
	enc, err := batchPass.abi.Pack("approve", to, tokenId)
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
func (batchPass *BatchPass) TryPackApprove(to common.Address, tokenId *big.Int) ([]byte, error) {
	return batchPass.abi.Pack("approve", to, tokenId)
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (batchPass *BatchPass) PackBalanceOf(owner common.Address) []byte {
	enc, err := batchPass.abi.Pack("balanceOf", owner)
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
func (batchPass *BatchPass) TryPackBalanceOf(owner common.Address) ([]byte, error) {
	return batchPass.abi.Pack("balanceOf", owner)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (batchPass *BatchPass) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := batchPass.abi.Unpack("balanceOf", data)
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
func (batchPass *BatchPass) PackBurn(tokenId *big.Int) []byte {
	enc, err := batchPass.abi.Pack("burn", tokenId)
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
func (batchPass *BatchPass) TryPackBurn(tokenId *big.Int) ([]byte, error) {
	return batchPass.abi.Pack("burn", tokenId)
}

// PackGetApproved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x081812fc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (batchPass *BatchPass) PackGetApproved(tokenId *big.Int) []byte {
	enc, err := batchPass.abi.Pack("getApproved", tokenId)
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
func (batchPass *BatchPass) TryPackGetApproved(tokenId *big.Int) ([]byte, error) {
	return batchPass.abi.Pack("getApproved", tokenId)
}

// UnpackGetApproved is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x081812fc.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (batchPass *BatchPass) UnpackGetApproved(data []byte) (common.Address, error) {
	out, err := batchPass.abi.Unpack("getApproved", data)
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
func (batchPass *BatchPass) PackIsApprovedForAll(owner common.Address, operator common.Address) []byte {
	enc, err := batchPass.abi.Pack("isApprovedForAll", owner, operator)
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
func (batchPass *BatchPass) TryPackIsApprovedForAll(owner common.Address, operator common.Address) ([]byte, error) {
	return batchPass.abi.Pack("isApprovedForAll", owner, operator)
}

// UnpackIsApprovedForAll is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe985e9c5.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (batchPass *BatchPass) UnpackIsApprovedForAll(data []byte) (bool, error) {
	out, err := batchPass.abi.Unpack("isApprovedForAll", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMintMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x397ada21.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mintMany(address[] to) returns(uint256 first)
func (batchPass *BatchPass) PackMintMany(to []common.Address) []byte {
	enc, err := batchPass.abi.Pack("mintMany", to)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMintMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x397ada21.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mintMany(address[] to) returns(uint256 first)
func (batchPass *BatchPass) TryPackMintMany(to []common.Address) ([]byte, error) {
	return batchPass.abi.Pack("mintMany", to)
}

// UnpackMintMany is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x397ada21.
//
// Solidity: function mintMany(address[] to) returns(uint256 first)
func (batchPass *BatchPass) UnpackMintMany(data []byte) (*big.Int, error) {
	out, err := batchPass.abi.Unpack("mintMany", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (batchPass *BatchPass) PackName() []byte {
	enc, err := batchPass.abi.Pack("name")
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
func (batchPass *BatchPass) TryPackName() ([]byte, error) {
	return batchPass.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (batchPass *BatchPass) UnpackName(data []byte) (string, error) {
	out, err := batchPass.abi.Unpack("name", data)
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
func (batchPass *BatchPass) PackOwner() []byte {
	enc, err := batchPass.abi.Pack("owner")
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
func (batchPass *BatchPass) TryPackOwner() ([]byte, error) {
	return batchPass.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (batchPass *BatchPass) UnpackOwner(data []byte) (common.Address, error) {
	out, err := batchPass.abi.Unpack("owner", data)
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
func (batchPass *BatchPass) PackOwnerOf(tokenId *big.Int) []byte {
	enc, err := batchPass.abi.Pack("ownerOf", tokenId)
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
func (batchPass *BatchPass) TryPackOwnerOf(tokenId *big.Int) ([]byte, error) {
	return batchPass.abi.Pack("ownerOf", tokenId)
}

// UnpackOwnerOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6352211e.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (batchPass *BatchPass) UnpackOwnerOf(data []byte) (common.Address, error) {
	out, err := batchPass.abi.Unpack("ownerOf", data)
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
func (batchPass *BatchPass) PackRenounceOwnership() []byte {
	enc, err := batchPass.abi.Pack("renounceOwnership")
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
func (batchPass *BatchPass) TryPackRenounceOwnership() ([]byte, error) {
	return batchPass.abi.Pack("renounceOwnership")
}

// PackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42842e0e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId) returns()
func (batchPass *BatchPass) PackSafeTransferFrom(from common.Address, to common.Address, tokenId *big.Int) []byte {
	enc, err := batchPass.abi.Pack("safeTransferFrom", from, to, tokenId)
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
func (batchPass *BatchPass) TryPackSafeTransferFrom(from common.Address, to common.Address, tokenId *big.Int) ([]byte, error) {
	return batchPass.abi.Pack("safeTransferFrom", from, to, tokenId)
}

// PackSafeTransferFrom0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88d4fde.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) returns()
func (batchPass *BatchPass) PackSafeTransferFrom0(from common.Address, to common.Address, tokenId *big.Int, data []byte) []byte {
	enc, err := batchPass.abi.Pack("safeTransferFrom0", from, to, tokenId, data)
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
func (batchPass *BatchPass) TryPackSafeTransferFrom0(from common.Address, to common.Address, tokenId *big.Int, data []byte) ([]byte, error) {
	return batchPass.abi.Pack("safeTransferFrom0", from, to, tokenId, data)
}

// PackSetApprovalForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa22cb465.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setApprovalForAll(address operator, bool approved) returns()
func (batchPass *BatchPass) PackSetApprovalForAll(operator common.Address, approved bool) []byte {
	enc, err := batchPass.abi.Pack("setApprovalForAll", operator, approved)
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
func (batchPass *BatchPass) TryPackSetApprovalForAll(operator common.Address, approved bool) ([]byte, error) {
	return batchPass.abi.Pack("setApprovalForAll", operator, approved)
}

// PackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (batchPass *BatchPass) PackSupportsInterface(interfaceId [4]byte) []byte {
	enc, err := batchPass.abi.Pack("supportsInterface", interfaceId)
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
func (batchPass *BatchPass) TryPackSupportsInterface(interfaceId [4]byte) ([]byte, error) {
	return batchPass.abi.Pack("supportsInterface", interfaceId)
}

// UnpackSupportsInterface is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (batchPass *BatchPass) UnpackSupportsInterface(data []byte) (bool, error) {
	out, err := batchPass.abi.Unpack("supportsInterface", data)
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
func (batchPass *BatchPass) PackSymbol() []byte {
	enc, err := batchPass.abi.Pack("symbol")
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
func (batchPass *BatchPass) TryPackSymbol() ([]byte, error) {
	return batchPass.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (batchPass *BatchPass) UnpackSymbol(data []byte) (string, error) {
	out, err := batchPass.abi.Unpack("symbol", data)
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
func (batchPass *BatchPass) PackTokenURI(tokenId *big.Int) []byte {
	enc, err := batchPass.abi.Pack("tokenURI", tokenId)
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
func (batchPass *BatchPass) TryPackTokenURI(tokenId *big.Int) ([]byte, error) {
	return batchPass.abi.Pack("tokenURI", tokenId)
}

// UnpackTokenURI is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc87b56dd.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (batchPass *BatchPass) UnpackTokenURI(data []byte) (string, error) {
	out, err := batchPass.abi.Unpack("tokenURI", data)
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
func (batchPass *BatchPass) PackTransferFrom(from common.Address, to common.Address, tokenId *big.Int) []byte {
	enc, err := batchPass.abi.Pack("transferFrom", from, to, tokenId)
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
func (batchPass *BatchPass) TryPackTransferFrom(from common.Address, to common.Address, tokenId *big.Int) ([]byte, error) {
	return batchPass.abi.Pack("transferFrom", from, to, tokenId)
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (batchPass *BatchPass) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := batchPass.abi.Pack("transferOwnership", newOwner)
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
func (batchPass *BatchPass) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return batchPass.abi.Pack("transferOwnership", newOwner)
}

// BatchPassApproval represents a Approval event raised by the BatchPass contract.
type BatchPassApproval struct {
	Owner    common.Address
	Approved common.Address
	TokenId  *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const BatchPassApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (BatchPassApproval) ContractEventName() string {
	return BatchPassApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)
func (batchPass *BatchPass) UnpackApprovalEvent(log *types.Log) (*BatchPassApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != batchPass.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BatchPassApproval)
	if len(log.Data) > 0 {
		if err := batchPass.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range batchPass.abi.Events[event].Inputs {
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

// BatchPassApprovalForAll represents a ApprovalForAll event raised by the BatchPass contract.
type BatchPassApprovalForAll struct {
	Owner    common.Address
	Operator common.Address
	Approved bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const BatchPassApprovalForAllEventName = "ApprovalForAll"

// ContractEventName returns the user-defined event name.
func (BatchPassApprovalForAll) ContractEventName() string {
	return BatchPassApprovalForAllEventName
}

// UnpackApprovalForAllEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ApprovalForAll(address indexed owner, address indexed operator, bool approved)
func (batchPass *BatchPass) UnpackApprovalForAllEvent(log *types.Log) (*BatchPassApprovalForAll, error) {
	event := "ApprovalForAll"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != batchPass.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BatchPassApprovalForAll)
	if len(log.Data) > 0 {
		if err := batchPass.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range batchPass.abi.Events[event].Inputs {
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

// BatchPassConsecutiveTransfer represents a ConsecutiveTransfer event raised by the BatchPass contract.
type BatchPassConsecutiveTransfer struct {
	FromTokenId *big.Int
	ToTokenId   *big.Int
	FromAddress common.Address
	ToAddress   common.Address
	Raw         *types.Log // Blockchain specific contextual infos
}

const BatchPassConsecutiveTransferEventName = "ConsecutiveTransfer"

// ContractEventName returns the user-defined event name.
func (BatchPassConsecutiveTransfer) ContractEventName() string {
	return BatchPassConsecutiveTransferEventName
}

// UnpackConsecutiveTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ConsecutiveTransfer(uint256 indexed fromTokenId, uint256 toTokenId, address indexed fromAddress, address indexed toAddress)
func (batchPass *BatchPass) UnpackConsecutiveTransferEvent(log *types.Log) (*BatchPassConsecutiveTransfer, error) {
	event := "ConsecutiveTransfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != batchPass.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BatchPassConsecutiveTransfer)
	if len(log.Data) > 0 {
		if err := batchPass.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range batchPass.abi.Events[event].Inputs {
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

// BatchPassOwnershipTransferred represents a OwnershipTransferred event raised by the BatchPass contract.
type BatchPassOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const BatchPassOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (BatchPassOwnershipTransferred) ContractEventName() string {
	return BatchPassOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (batchPass *BatchPass) UnpackOwnershipTransferredEvent(log *types.Log) (*BatchPassOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != batchPass.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BatchPassOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := batchPass.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range batchPass.abi.Events[event].Inputs {
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

// BatchPassTransfer represents a Transfer event raised by the BatchPass contract.
type BatchPassTransfer struct {
	From    common.Address
	To      common.Address
	TokenId *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const BatchPassTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (BatchPassTransfer) ContractEventName() string {
	return BatchPassTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)
func (batchPass *BatchPass) UnpackTransferEvent(log *types.Log) (*BatchPassTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != batchPass.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BatchPassTransfer)
	if len(log.Data) > 0 {
		if err := batchPass.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range batchPass.abi.Events[event].Inputs {
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
func (batchPass *BatchPass) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], batchPass.abi.Errors["CheckpointUnorderedInsertion"].ID.Bytes()[:4]) {
		return batchPass.UnpackCheckpointUnorderedInsertionError(raw[4:])
	}
	if bytes.Equal(raw[:4], batchPass.abi.Errors["ERC721ExceededMaxBatchMint"].ID.Bytes()[:4]) {
		return batchPass.UnpackERC721ExceededMaxBatchMintError(raw[4:])
	}
	if bytes.Equal(raw[:4], batchPass.abi.Errors["ERC721ForbiddenBatchBurn"].ID.Bytes()[:4]) {
		return batchPass.UnpackERC721ForbiddenBatchBurnError(raw[4:])
	}
	if bytes.Equal(raw[:4], batchPass.abi.Errors["ERC721ForbiddenBatchMint"].ID.Bytes()[:4]) {
		return batchPass.UnpackERC721ForbiddenBatchMintError(raw[4:])
	}
	if bytes.Equal(raw[:4], batchPass.abi.Errors["ERC721ForbiddenMint"].ID.Bytes()[:4]) {
		return batchPass.UnpackERC721ForbiddenMintError(raw[4:])
	}
	if bytes.Equal(raw[:4], batchPass.abi.Errors["ERC721IncorrectOwner"].ID.Bytes()[:4]) {
		return batchPass.UnpackERC721IncorrectOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], batchPass.abi.Errors["ERC721InsufficientApproval"].ID.Bytes()[:4]) {
		return batchPass.UnpackERC721InsufficientApprovalError(raw[4:])
	}
	if bytes.Equal(raw[:4], batchPass.abi.Errors["ERC721InvalidApprover"].ID.Bytes()[:4]) {
		return batchPass.UnpackERC721InvalidApproverError(raw[4:])
	}
	if bytes.Equal(raw[:4], batchPass.abi.Errors["ERC721InvalidOperator"].ID.Bytes()[:4]) {
		return batchPass.UnpackERC721InvalidOperatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], batchPass.abi.Errors["ERC721InvalidOwner"].ID.Bytes()[:4]) {
		return batchPass.UnpackERC721InvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], batchPass.abi.Errors["ERC721InvalidReceiver"].ID.Bytes()[:4]) {
		return batchPass.UnpackERC721InvalidReceiverError(raw[4:])
	}
	if bytes.Equal(raw[:4], batchPass.abi.Errors["ERC721InvalidSender"].ID.Bytes()[:4]) {
		return batchPass.UnpackERC721InvalidSenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], batchPass.abi.Errors["ERC721NonexistentToken"].ID.Bytes()[:4]) {
		return batchPass.UnpackERC721NonexistentTokenError(raw[4:])
	}
	if bytes.Equal(raw[:4], batchPass.abi.Errors["OwnableInvalidOwner"].ID.Bytes()[:4]) {
		return batchPass.UnpackOwnableInvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], batchPass.abi.Errors["OwnableUnauthorizedAccount"].ID.Bytes()[:4]) {
		return batchPass.UnpackOwnableUnauthorizedAccountError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// BatchPassCheckpointUnorderedInsertion represents a CheckpointUnorderedInsertion error raised by the BatchPass contract.
type BatchPassCheckpointUnorderedInsertion struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error CheckpointUnorderedInsertion()
func BatchPassCheckpointUnorderedInsertionErrorID() common.Hash {
	return common.HexToHash("0x2520601d9d60b717c34a36ad270857824c5a1ebbfd08ff39aba6930089495cfa")
}

// UnpackCheckpointUnorderedInsertionError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error CheckpointUnorderedInsertion()
func (batchPass *BatchPass) UnpackCheckpointUnorderedInsertionError(raw []byte) (*BatchPassCheckpointUnorderedInsertion, error) {
	out := new(BatchPassCheckpointUnorderedInsertion)
	if err := batchPass.abi.UnpackIntoInterface(out, "CheckpointUnorderedInsertion", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BatchPassERC721ExceededMaxBatchMint represents a ERC721ExceededMaxBatchMint error raised by the BatchPass contract.
type BatchPassERC721ExceededMaxBatchMint struct {
	BatchSize *big.Int
	MaxBatch  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721ExceededMaxBatchMint(uint256 batchSize, uint256 maxBatch)
func BatchPassERC721ExceededMaxBatchMintErrorID() common.Hash {
	return common.HexToHash("0x8f58e570e482ac263433e2400208dd80361afd517aecca0056606f6fa5aa1c2d")
}

// UnpackERC721ExceededMaxBatchMintError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721ExceededMaxBatchMint(uint256 batchSize, uint256 maxBatch)
func (batchPass *BatchPass) UnpackERC721ExceededMaxBatchMintError(raw []byte) (*BatchPassERC721ExceededMaxBatchMint, error) {
	out := new(BatchPassERC721ExceededMaxBatchMint)
	if err := batchPass.abi.UnpackIntoInterface(out, "ERC721ExceededMaxBatchMint", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BatchPassERC721ForbiddenBatchBurn represents a ERC721ForbiddenBatchBurn error raised by the BatchPass contract.
type BatchPassERC721ForbiddenBatchBurn struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721ForbiddenBatchBurn()
func BatchPassERC721ForbiddenBatchBurnErrorID() common.Hash {
	return common.HexToHash("0x1d089165ffd8fdb45fcf7f5a32f2da0c67a91b9e6e5e86801f170210e9be2cfa")
}

// UnpackERC721ForbiddenBatchBurnError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721ForbiddenBatchBurn()
func (batchPass *BatchPass) UnpackERC721ForbiddenBatchBurnError(raw []byte) (*BatchPassERC721ForbiddenBatchBurn, error) {
	out := new(BatchPassERC721ForbiddenBatchBurn)
	if err := batchPass.abi.UnpackIntoInterface(out, "ERC721ForbiddenBatchBurn", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BatchPassERC721ForbiddenBatchMint represents a ERC721ForbiddenBatchMint error raised by the BatchPass contract.
type BatchPassERC721ForbiddenBatchMint struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721ForbiddenBatchMint()
func BatchPassERC721ForbiddenBatchMintErrorID() common.Hash {
	return common.HexToHash("0x539f9062af54b92e1b8457f39cf34f30589e8356dab18c00591575bfe2da3f0f")
}

// UnpackERC721ForbiddenBatchMintError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721ForbiddenBatchMint()
func (batchPass *BatchPass) UnpackERC721ForbiddenBatchMintError(raw []byte) (*BatchPassERC721ForbiddenBatchMint, error) {
	out := new(BatchPassERC721ForbiddenBatchMint)
	if err := batchPass.abi.UnpackIntoInterface(out, "ERC721ForbiddenBatchMint", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BatchPassERC721ForbiddenMint represents a ERC721ForbiddenMint error raised by the BatchPass contract.
type BatchPassERC721ForbiddenMint struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721ForbiddenMint()
func BatchPassERC721ForbiddenMintErrorID() common.Hash {
	return common.HexToHash("0xad89505281e829a5670119df4e6992a27bd61d1dd1046ce56e49e99a900a6a9d")
}

// UnpackERC721ForbiddenMintError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721ForbiddenMint()
func (batchPass *BatchPass) UnpackERC721ForbiddenMintError(raw []byte) (*BatchPassERC721ForbiddenMint, error) {
	out := new(BatchPassERC721ForbiddenMint)
	if err := batchPass.abi.UnpackIntoInterface(out, "ERC721ForbiddenMint", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BatchPassERC721IncorrectOwner represents a ERC721IncorrectOwner error raised by the BatchPass contract.
type BatchPassERC721IncorrectOwner struct {
	Sender  common.Address
	TokenId *big.Int
	Owner   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)
func BatchPassERC721IncorrectOwnerErrorID() common.Hash {
	return common.HexToHash("0x64283d7b313c8117c125f736876fa2b4e90ea3831a4716dfdb87d2f540e26289")
}

// UnpackERC721IncorrectOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)
func (batchPass *BatchPass) UnpackERC721IncorrectOwnerError(raw []byte) (*BatchPassERC721IncorrectOwner, error) {
	out := new(BatchPassERC721IncorrectOwner)
	if err := batchPass.abi.UnpackIntoInterface(out, "ERC721IncorrectOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BatchPassERC721InsufficientApproval represents a ERC721InsufficientApproval error raised by the BatchPass contract.
type BatchPassERC721InsufficientApproval struct {
	Operator common.Address
	TokenId  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InsufficientApproval(address operator, uint256 tokenId)
func BatchPassERC721InsufficientApprovalErrorID() common.Hash {
	return common.HexToHash("0x177e802f6f313bc89797ecace66d6d29ab4719cbaaacbb87367264048b1eb861")
}

// UnpackERC721InsufficientApprovalError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InsufficientApproval(address operator, uint256 tokenId)
func (batchPass *BatchPass) UnpackERC721InsufficientApprovalError(raw []byte) (*BatchPassERC721InsufficientApproval, error) {
	out := new(BatchPassERC721InsufficientApproval)
	if err := batchPass.abi.UnpackIntoInterface(out, "ERC721InsufficientApproval", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BatchPassERC721InvalidApprover represents a ERC721InvalidApprover error raised by the BatchPass contract.
type BatchPassERC721InvalidApprover struct {
	Approver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidApprover(address approver)
func BatchPassERC721InvalidApproverErrorID() common.Hash {
	return common.HexToHash("0xa9fbf51f86b8e03595d59dc726bb10c329bb24f62589be276d8dd193ca0b69ea")
}

// UnpackERC721InvalidApproverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidApprover(address approver)
func (batchPass *BatchPass) UnpackERC721InvalidApproverError(raw []byte) (*BatchPassERC721InvalidApprover, error) {
	out := new(BatchPassERC721InvalidApprover)
	if err := batchPass.abi.UnpackIntoInterface(out, "ERC721InvalidApprover", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BatchPassERC721InvalidOperator represents a ERC721InvalidOperator error raised by the BatchPass contract.
type BatchPassERC721InvalidOperator struct {
	Operator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidOperator(address operator)
func BatchPassERC721InvalidOperatorErrorID() common.Hash {
	return common.HexToHash("0x5b08ba185e8f577075361f3a3555a6580a227ce22734dcc979c1aeadf894658b")
}

// UnpackERC721InvalidOperatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidOperator(address operator)
func (batchPass *BatchPass) UnpackERC721InvalidOperatorError(raw []byte) (*BatchPassERC721InvalidOperator, error) {
	out := new(BatchPassERC721InvalidOperator)
	if err := batchPass.abi.UnpackIntoInterface(out, "ERC721InvalidOperator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BatchPassERC721InvalidOwner represents a ERC721InvalidOwner error raised by the BatchPass contract.
type BatchPassERC721InvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidOwner(address owner)
func BatchPassERC721InvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x89c62b6479af2e623826dcc39c5133061d35b66d72de92833401dd2fd6567480")
}

// UnpackERC721InvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidOwner(address owner)
func (batchPass *BatchPass) UnpackERC721InvalidOwnerError(raw []byte) (*BatchPassERC721InvalidOwner, error) {
	out := new(BatchPassERC721InvalidOwner)
	if err := batchPass.abi.UnpackIntoInterface(out, "ERC721InvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BatchPassERC721InvalidReceiver represents a ERC721InvalidReceiver error raised by the BatchPass contract.
type BatchPassERC721InvalidReceiver struct {
	Receiver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidReceiver(address receiver)
func BatchPassERC721InvalidReceiverErrorID() common.Hash {
	return common.HexToHash("0x64a0ae9278f805eaf991dcd18ca78756d280b7508b764ef1b255c55845c11df9")
}

// UnpackERC721InvalidReceiverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidReceiver(address receiver)
func (batchPass *BatchPass) UnpackERC721InvalidReceiverError(raw []byte) (*BatchPassERC721InvalidReceiver, error) {
	out := new(BatchPassERC721InvalidReceiver)
	if err := batchPass.abi.UnpackIntoInterface(out, "ERC721InvalidReceiver", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BatchPassERC721InvalidSender represents a ERC721InvalidSender error raised by the BatchPass contract.
type BatchPassERC721InvalidSender struct {
	Sender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidSender(address sender)
func BatchPassERC721InvalidSenderErrorID() common.Hash {
	return common.HexToHash("0x73c6ac6e10798e95d99e1f130d923eb40193ecb8d094ec3dce93292564eb3b17")
}

// UnpackERC721InvalidSenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidSender(address sender)
func (batchPass *BatchPass) UnpackERC721InvalidSenderError(raw []byte) (*BatchPassERC721InvalidSender, error) {
	out := new(BatchPassERC721InvalidSender)
	if err := batchPass.abi.UnpackIntoInterface(out, "ERC721InvalidSender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BatchPassERC721NonexistentToken represents a ERC721NonexistentToken error raised by the BatchPass contract.
type BatchPassERC721NonexistentToken struct {
	TokenId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721NonexistentToken(uint256 tokenId)
func BatchPassERC721NonexistentTokenErrorID() common.Hash {
	return common.HexToHash("0x7e273289a3a9ef6670f06df7dca227856fc925e956db96980692764a8bc734d7")
}

// UnpackERC721NonexistentTokenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721NonexistentToken(uint256 tokenId)
func (batchPass *BatchPass) UnpackERC721NonexistentTokenError(raw []byte) (*BatchPassERC721NonexistentToken, error) {
	out := new(BatchPassERC721NonexistentToken)
	if err := batchPass.abi.UnpackIntoInterface(out, "ERC721NonexistentToken", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BatchPassOwnableInvalidOwner represents a OwnableInvalidOwner error raised by the BatchPass contract.
type BatchPassOwnableInvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableInvalidOwner(address owner)
func BatchPassOwnableInvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x1e4fbdf7f3ef8bcaa855599e3abf48b232380f183f08f6f813d9ffa5bd585188")
}

// UnpackOwnableInvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableInvalidOwner(address owner)
func (batchPass *BatchPass) UnpackOwnableInvalidOwnerError(raw []byte) (*BatchPassOwnableInvalidOwner, error) {
	out := new(BatchPassOwnableInvalidOwner)
	if err := batchPass.abi.UnpackIntoInterface(out, "OwnableInvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BatchPassOwnableUnauthorizedAccount represents a OwnableUnauthorizedAccount error raised by the BatchPass contract.
type BatchPassOwnableUnauthorizedAccount struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func BatchPassOwnableUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0x118cdaa7a341953d1887a2245fd6665d741c67c8c50581daa59e1d03373fa188")
}

// UnpackOwnableUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func (batchPass *BatchPass) UnpackOwnableUnauthorizedAccountError(raw []byte) (*BatchPassOwnableUnauthorizedAccount, error) {
	out := new(BatchPassOwnableUnauthorizedAccount)
	if err := batchPass.abi.UnpackIntoInterface(out, "OwnableUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}
