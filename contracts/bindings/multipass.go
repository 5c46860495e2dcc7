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

// MultiPassMetaData contains all meta data concerning the MultiPass contract.
var MultiPassMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"string\",\"name\":\"uri_\",\"type\":\"string\"},{\"internalType\":\"address\",\"name\":\"initialOwner\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC1155InsufficientBalance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"approver\",\"type\":\"address\"}],\"name\":\"ERC1155InvalidApprover\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"idsLength\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"valuesLength\",\"type\":\"uint256\"}],\"name\":\"ERC1155InvalidArrayLength\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"ERC1155InvalidOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"ERC1155InvalidReceiver\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"ERC1155InvalidSender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC1155MissingApprovalForAll\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnableInvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"OwnableUnauthorizedAccount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"ApprovalForAll\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"ids\",\"type\":\"uint256[]\"},{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"values\",\"type\":\"uint256[]\"}],\"name\":\"TransferBatch\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"TransferSingle\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"string\",\"name\":\"value\",\"type\":\"string\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"name\":\"URI\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address[]\",\"name\":\"accounts\",\"type\":\"address[]\"},{\"internalType\":\"uint256[]\",\"name\":\"ids\",\"type\":\"uint256[]\"}],\"name\":\"balanceOfBatch\",\"outputs\":[{\"internalType\":\"uint256[]\",\"name\":\"\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"burn\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256[]\",\"name\":\"ids\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256[]\",\"name\":\"values\",\"type\":\"uint256[]\"}],\"name\":\"burnBatch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"isApprovedForAll\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"mint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256[]\",\"name\":\"ids\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"}],\"name\":\"mintBatch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounceOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256[]\",\"name\":\"ids\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256[]\",\"name\":\"values\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"safeBatchTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"setApprovalForAll\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"uri_\",\"type\":\"string\"}],\"name\":\"setURI\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"name\":\"uri\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "MultiPass",
	Bin: "0x608060405234801561000f575f5ffd5b50604051611a75380380611a7583398101604081905261002e91610108565b808261003981610078565b506001600160a01b03811661006757604051631e4fbdf760e01b81525f600482015260240160405180910390fd5b61007081610088565b505050610316565b60026100848282610258565b5050565b600380546001600160a01b038381166001600160a01b0319831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b634e487b7160e01b5f52604160045260245ffd5b80516001600160a01b0381168114610103575f5ffd5b919050565b5f5f60408385031215610119575f5ffd5b82516001600160401b0381111561012e575f5ffd5b8301601f8101851361013e575f5ffd5b80516001600160401b03811115610157576101576100d9565b604051601f8201601f19908116603f011681016001600160401b0381118282101715610185576101856100d9565b60405281815282820160200187101561019c575f5ffd5b8160208401602083015e5f602083830101528094505050506101c0602084016100ed565b90509250929050565b600181811c908216806101dd57607f821691505b6020821081036101fb57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f821115610253578282111561025357805f5260205f20601f840160051c602085101561022c57505f5b90810190601f840160051c035f5b8181101561024f575f8382015560010161023a565b5050505b505050565b81516001600160401b03811115610271576102716100d9565b6102858161027f84546101c9565b84610201565b6020601f8211600181146102b7575f83156102a05750848201515b5f19600385901b1c1916600184901b17845561030f565b5f84815260208120601f198516915b828110156102e657878501518255602094850194600190920191016102c6565b508482101561030357868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b611752806103235f395ff3fe608060405234801561000f575f5ffd5b50600436106100fa575f3560e01c8063715018a611610093578063e985e9c511610063578063e985e9c51461021e578063f242432a14610259578063f2fde38b1461026c578063f5298aca1461027f575f5ffd5b8063715018a6146101d55780638da5cb5b146101dd578063a22cb465146101f8578063d81d0a151461020b575f5ffd5b8063156e29f6116100ce578063156e29f61461017c5780632eb2c2d61461018f5780634e1273f4146101a25780636b20c454146101c2575f5ffd5b8062fdd58e146100fe57806301ffc9a71461012457806302fe5305146101475780630e89341c1461015c575b5f5ffd5b61011161010c366004610e96565b610292565b6040519081526020015b60405180910390f35b610137610132366004610ed3565b6102b9565b604051901515815260200161011b565b61015a610155366004610ef5565b610308565b005b61016f61016a366004610f61565b610352565b60405161011b9190610fa6565b61015a61018a366004610fb8565b6103e4565b61015a61019d366004611123565b61040b565b6101b56101b03660046111cf565b61042a565b60405161011b91906112ca565b61015a6101d03660046112dc565b6104f9565b61015a61050f565b6003546040516001600160a01b03909116815260200161011b565b61015a61020636600461134e565b610522565b61015a6102193660046113ce565b61052d565b61013761022c36600461144c565b6001600160a01b039182165f90815260016020908152604080832093909416825291909152205460ff1690565b61015a61026736600461147d565b6105af565b61015a61027a3660046114d0565b6105c5565b61015a61028d366004610fb8565b610602565b5f818152602081815260408083206001600160a01b03861684529091529020545b92915050565b5f6001600160e01b03198216636cdb3d1360e11b14806102e957506001600160e01b031982166303a24d0760e21b145b806102b357506301ffc9a760e01b6001600160e01b03198316146102b3565b610310610616565b61034e82828080601f0160208091040260200160405190810160405280939291908181526020018383808284375f9201919091525061064392505050565b5050565b606060028054610361906114e9565b80601f016020809104026020016040519081016040528092919081815260200182805461038d906114e9565b80156103d85780601f106103af576101008083540402835291602001916103d8565b820191905f5260205f20905b8154815290600101906020018083116103bb57829003601f168201915b50505050509050919050565b6103ec610616565b61040683838360405180602001604052805f81525061064f565b505050565b610416335b866106b3565b610423858585858561072b565b5050505050565b606081518351146104605781518351604051635b05999160e01b8152600481019290925260248201526044015b60405180910390fd5b5f83516001600160401b0381111561047a5761047a610fe8565b6040519080825280602002602001820160405280156104a3578160200160208202803683370190505b5090505f5b84518110156104f1576020808202860101516104cc90602080840287010151610292565b8282815181106104de576104de611521565b60209081029190910101526001016104a8565b509392505050565b610504335b846106b3565b61040683838361078b565b610517610616565b6105205f6107d0565b565b61034e338383610821565b610535610616565b610423858585808060200260200160405190810160405280939291908181526020018383602002808284375f92019190915250506040805160208089028281018201909352888252909350889250879182918501908490808284375f920182905250604080516020810190915290815292506108de915050565b6105b833610410565b610423858585858561091c565b6105cd610616565b6001600160a01b0381166105f657604051631e4fbdf760e01b81525f6004820152602401610457565b6105ff816107d0565b50565b61060b336104fe565b6104068383836109a9565b6003546001600160a01b031633146105205760405163118cdaa760e01b8152336004820152602401610457565b600261034e8282611583565b6001600160a01b03841661067857604051632bfa23e760e11b81525f6004820152602401610457565b604080516001808252602082018690528183019081526060820185905260808201909252906106ab5f8784848784610a0c565b505050505050565b816001600160a01b0316816001600160a01b0316141580156106fa57506001600160a01b038082165f9081526001602090815260408083209386168352929052205460ff16155b1561034e5760405163711bec9160e11b81526001600160a01b03808416600483015282166024820152604401610457565b6001600160a01b03841661075457604051632bfa23e760e11b81525f6004820152602401610457565b6001600160a01b03851661077c57604051626a0d4560e21b81525f6004820152602401610457565b61042385858585856001610a0c565b6001600160a01b0383166107b357604051626a0d4560e21b81525f6004820152602401610457565b610406835f848460405180602001604052805f8152506001610a0c565b600380546001600160a01b038381166001600160a01b0319831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b6001600160a01b03831661084a57604051631f18c42760e11b81525f6004820152602401610457565b6001600160a01b0382166108725760405162ced3e160e81b81525f6004820152602401610457565b6001600160a01b038381165f81815260016020908152604080832094871680845294825291829020805460ff191686151590811790915591519182527f17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31910160405180910390a3505050565b6001600160a01b03841661090757604051632bfa23e760e11b81525f6004820152602401610457565b6109165f858585856001610a0c565b50505050565b6001600160a01b03841661094557604051632bfa23e760e11b81525f6004820152602401610457565b6001600160a01b03851661096d57604051626a0d4560e21b81525f6004820152602401610457565b604080516001808252602082018690528183019081526060820185905260808201909252906109a087878484875f610a0c565b50505050505050565b6001600160a01b0383166109d157604051626a0d4560e21b81525f6004820152602401610457565b604080516001808252602082018590528183019081526060820184905260a082019092525f6080820181815291929161042391879185908590835b610a1886868686610a64565b6001600160a01b038516156106ab57338115610a4157610a3c818888888888610c73565b6109a0565b60208581015190850151610a59838a8a85858a610d94565b505050505050505050565b8051825114610a935781518151604051635b05999160e01b815260048101929092526024820152604401610457565b335f5b8351811015610b95576020818102858101820151908501909101516001600160a01b03881615610b47575f828152602081815260408083206001600160a01b038c16845290915290205481811015610b21576040516303dee4c560e01b81526001600160a01b038a166004820152602481018290526044810183905260648101849052608401610457565b5f838152602081815260408083206001600160a01b038d16845290915290209082900390555b6001600160a01b03871615610b8b575f828152602081815260408083206001600160a01b038b16845290915281208054839290610b8590849061163d565b90915550505b5050600101610a96565b508251600103610c155760208301515f906020840151909150856001600160a01b0316876001600160a01b0316846001600160a01b03167fc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f628585604051610c06929190918252602082015260400190565b60405180910390a45050610423565b836001600160a01b0316856001600160a01b0316826001600160a01b03167f4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb8686604051610c6492919061165c565b60405180910390a45050505050565b6001600160a01b0384163b156106ab5760405163bc197c8160e01b81526001600160a01b0385169063bc197c8190610cb79089908990889088908890600401611689565b6020604051808303815f875af1925050508015610cf1575060408051601f3d908101601f19168201909252610cee918101906116e6565b60015b610d58573d808015610d1e576040519150601f19603f3d011682016040523d82523d5f602084013e610d23565b606091505b5080515f03610d5057604051632bfa23e760e11b81526001600160a01b0386166004820152602401610457565b805160208201fd5b6001600160e01b0319811663bc197c8160e01b146109a057604051632bfa23e760e11b81526001600160a01b0386166004820152602401610457565b6001600160a01b0384163b156106ab5760405163f23a6e6160e01b81526001600160a01b0385169063f23a6e6190610dd89089908990889088908890600401611701565b6020604051808303815f875af1925050508015610e12575060408051601f3d908101601f19168201909252610e0f918101906116e6565b60015b610e3f573d808015610d1e576040519150601f19603f3d011682016040523d82523d5f602084013e610d23565b6001600160e01b0319811663f23a6e6160e01b146109a057604051632bfa23e760e11b81526001600160a01b0386166004820152602401610457565b80356001600160a01b0381168114610e91575f5ffd5b919050565b5f5f60408385031215610ea7575f5ffd5b610eb083610e7b565b946020939093013593505050565b6001600160e01b0319811681146105ff575f5ffd5b5f60208284031215610ee3575f5ffd5b8135610eee81610ebe565b9392505050565b5f5f60208385031215610f06575f5ffd5b82356001600160401b03811115610f1b575f5ffd5b8301601f81018513610f2b575f5ffd5b80356001600160401b03811115610f40575f5ffd5b856020828401011115610f51575f5ffd5b6020919091019590945092505050565b5f60208284031215610f71575f5ffd5b5035919050565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f610eee6020830184610f78565b5f5f5f60608486031215610fca575f5ffd5b610fd384610e7b565b95602085013595506040909401359392505050565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f191681016001600160401b038111828210171561102457611024610fe8565b604052919050565b5f6001600160401b0382111561104457611044610fe8565b5060051b60200190565b5f82601f83011261105d575f5ffd5b813561107061106b8261102c565b610ffc565b8082825260208201915060208360051b860101925085831115611091575f5ffd5b602085015b838110156110ae578035835260209283019201611096565b5095945050505050565b5f82601f8301126110c7575f5ffd5b81356001600160401b038111156110e0576110e0610fe8565b6110f3601f8201601f1916602001610ffc565b818152846020838601011115611107575f5ffd5b816020850160208301375f918101602001919091529392505050565b5f5f5f5f5f60a08688031215611137575f5ffd5b61114086610e7b565b945061114e60208701610e7b565b935060408601356001600160401b03811115611168575f5ffd5b6111748882890161104e565b93505060608601356001600160401b0381111561118f575f5ffd5b61119b8882890161104e565b92505060808601356001600160401b038111156111b6575f5ffd5b6111c2888289016110b8565b9150509295509295909350565b5f5f604083850312156111e0575f5ffd5b82356001600160401b038111156111f5575f5ffd5b8301601f81018513611205575f5ffd5b803561121361106b8261102c565b8082825260208201915060208360051b850101925087831115611234575f5ffd5b6020840193505b8284101561125d5761124c84610e7b565b82526020938401939091019061123b565b945050505060208301356001600160401b0381111561127a575f5ffd5b6112868582860161104e565b9150509250929050565b5f8151808452602084019350602083015f5b828110156112c05781518652602095860195909101906001016112a2565b5093949350505050565b602081525f610eee6020830184611290565b5f5f5f606084860312156112ee575f5ffd5b6112f784610e7b565b925060208401356001600160401b03811115611311575f5ffd5b61131d8682870161104e565b92505060408401356001600160401b03811115611338575f5ffd5b6113448682870161104e565b9150509250925092565b5f5f6040838503121561135f575f5ffd5b61136883610e7b565b91506020830135801515811461137c575f5ffd5b809150509250929050565b5f5f83601f840112611397575f5ffd5b5081356001600160401b038111156113ad575f5ffd5b6020830191508360208260051b85010111156113c7575f5ffd5b9250929050565b5f5f5f5f5f606086880312156113e2575f5ffd5b6113eb86610e7b565b945060208601356001600160401b03811115611405575f5ffd5b61141188828901611387565b90955093505060408601356001600160401b0381111561142f575f5ffd5b61143b88828901611387565b969995985093965092949392505050565b5f5f6040838503121561145d575f5ffd5b61146683610e7b565b915061147460208401610e7b565b90509250929050565b5f5f5f5f5f60a08688031215611491575f5ffd5b61149a86610e7b565b94506114a860208701610e7b565b9350604086013592506060860135915060808601356001600160401b038111156111b6575f5ffd5b5f602082840312156114e0575f5ffd5b610eee82610e7b565b600181811c908216806114fd57607f821691505b60208210810361151b57634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52603260045260245ffd5b601f821115610406578282111561040657805f5260205f20601f840160051c602085101561156057505f5b90810190601f840160051c035f5b818110156106ab575f8382015560010161156e565b81516001600160401b0381111561159c5761159c610fe8565b6115b0816115aa84546114e9565b84611535565b6020601f8211600181146115e2575f83156115cb5750848201515b5f19600385901b1c1916600184901b178455610423565b5f84815260208120601f198516915b8281101561161157878501518255602094850194600190920191016115f1565b508482101561162e57868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b808201808211156102b357634e487b7160e01b5f52601160045260245ffd5b604081525f61166e6040830185611290565b82810360208401526116808185611290565b95945050505050565b6001600160a01b0386811682528516602082015260a0604082018190525f906116b490830186611290565b82810360608401526116c68186611290565b905082810360808401526116da8185610f78565b98975050505050505050565b5f602082840312156116f6575f5ffd5b8151610eee81610ebe565b6001600160a01b03868116825285166020820152604081018490526060810183905260a0608082018190525f9061173a90830184610f78565b97965050505050505056fea164736f6c6343000825000a",
}

// MultiPass is an auto generated Go binding around an Ethereum contract.
type MultiPass struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *MultiPass) GetABI() abi.ABI {
	return c.abi
}

// NewMultiPass creates a new instance of MultiPass.
func NewMultiPass() *MultiPass {
	parsed, err := MultiPassMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &MultiPass{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *MultiPass) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(string uri_, address initialOwner) returns()
func (multiPass *MultiPass) PackConstructor(uri_ string, initialOwner common.Address) []byte {
	enc, err := multiPass.abi.Pack("", uri_, initialOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x00fdd58e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address account, uint256 id) view returns(uint256)
func (multiPass *MultiPass) PackBalanceOf(account common.Address, id *big.Int) []byte {
	enc, err := multiPass.abi.Pack("balanceOf", account, id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x00fdd58e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address account, uint256 id) view returns(uint256)
func (multiPass *MultiPass) TryPackBalanceOf(account common.Address, id *big.Int) ([]byte, error) {
	return multiPass.abi.Pack("balanceOf", account, id)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x00fdd58e.
//
// Solidity: function balanceOf(address account, uint256 id) view returns(uint256)
func (multiPass *MultiPass) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := multiPass.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackBalanceOfBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4e1273f4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOfBatch(address[] accounts, uint256[] ids) view returns(uint256[])
func (multiPass *MultiPass) PackBalanceOfBatch(accounts []common.Address, ids []*big.Int) []byte {
	enc, err := multiPass.abi.Pack("balanceOfBatch", accounts, ids)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOfBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4e1273f4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOfBatch(address[] accounts, uint256[] ids) view returns(uint256[])
func (multiPass *MultiPass) TryPackBalanceOfBatch(accounts []common.Address, ids []*big.Int) ([]byte, error) {
	return multiPass.abi.Pack("balanceOfBatch", accounts, ids)
}

// UnpackBalanceOfBatch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4e1273f4.
//
// Solidity: function balanceOfBatch(address[] accounts, uint256[] ids) view returns(uint256[])
func (multiPass *MultiPass) UnpackBalanceOfBatch(data []byte) ([]*big.Int, error) {
	out, err := multiPass.abi.Unpack("balanceOfBatch", data)
	if err != nil {
		return *new([]*big.Int), err
	}
	out0 := *abi.ConvertType(out[0], new([]*big.Int)).(*[]*big.Int)
	return out0, nil
}

// PackBurn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf5298aca.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function burn(address account, uint256 id, uint256 value) returns()
func (multiPass *MultiPass) PackBurn(account common.Address, id *big.Int, value *big.Int) []byte {
	enc, err := multiPass.abi.Pack("burn", account, id, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBurn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf5298aca.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function burn(address account, uint256 id, uint256 value) returns()
func (multiPass *MultiPass) TryPackBurn(account common.Address, id *big.Int, value *big.Int) ([]byte, error) {
	return multiPass.abi.Pack("burn", account, id, value)
}

// PackBurnBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6b20c454.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function burnBatch(address account, uint256[] ids, uint256[] values) returns()
func (multiPass *MultiPass) PackBurnBatch(account common.Address, ids []*big.Int, values []*big.Int) []byte {
	enc, err := multiPass.abi.Pack("burnBatch", account, ids, values)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBurnBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6b20c454.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function burnBatch(address account, uint256[] ids, uint256[] values) returns()
func (multiPass *MultiPass) TryPackBurnBatch(account common.Address, ids []*big.Int, values []*big.Int) ([]byte, error) {
	return multiPass.abi.Pack("burnBatch", account, ids, values)
}

// PackIsApprovedForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe985e9c5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isApprovedForAll(address account, address operator) view returns(bool)
func (multiPass *MultiPass) PackIsApprovedForAll(account common.Address, operator common.Address) []byte {
	enc, err := multiPass.abi.Pack("isApprovedForAll", account, operator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsApprovedForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe985e9c5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isApprovedForAll(address account, address operator) view returns(bool)
func (multiPass *MultiPass) TryPackIsApprovedForAll(account common.Address, operator common.Address) ([]byte, error) {
	return multiPass.abi.Pack("isApprovedForAll", account, operator)
}

// UnpackIsApprovedForAll is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe985e9c5.
//
// Solidity: function isApprovedForAll(address account, address operator) view returns(bool)
func (multiPass *MultiPass) UnpackIsApprovedForAll(data []byte) (bool, error) {
	out, err := multiPass.abi.Unpack("isApprovedForAll", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x156e29f6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(address to, uint256 id, uint256 amount) returns()
func (multiPass *MultiPass) PackMint(to common.Address, id *big.Int, amount *big.Int) []byte {
	enc, err := multiPass.abi.Pack("mint", to, id, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x156e29f6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(address to, uint256 id, uint256 amount) returns()
func (multiPass *MultiPass) TryPackMint(to common.Address, id *big.Int, amount *big.Int) ([]byte, error) {
	return multiPass.abi.Pack("mint", to, id, amount)
}

// PackMintBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd81d0a15.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mintBatch(address to, uint256[] ids, uint256[] amounts) returns()
func (multiPass *MultiPass) PackMintBatch(to common.Address, ids []*big.Int, amounts []*big.Int) []byte {
	enc, err := multiPass.abi.Pack("mintBatch", to, ids, amounts)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMintBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd81d0a15.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mintBatch(address to, uint256[] ids, uint256[] amounts) returns()
func (multiPass *MultiPass) TryPackMintBatch(to common.Address, ids []*big.Int, amounts []*big.Int) ([]byte, error) {
	return multiPass.abi.Pack("mintBatch", to, ids, amounts)
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (multiPass *MultiPass) PackOwner() []byte {
	enc, err := multiPass.abi.Pack("owner")
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
func (multiPass *MultiPass) TryPackOwner() ([]byte, error) {
	return multiPass.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (multiPass *MultiPass) UnpackOwner(data []byte) (common.Address, error) {
	out, err := multiPass.abi.Unpack("owner", data)
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
func (multiPass *MultiPass) PackRenounceOwnership() []byte {
	enc, err := multiPass.abi.Pack("renounceOwnership")
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
func (multiPass *MultiPass) TryPackRenounceOwnership() ([]byte, error) {
	return multiPass.abi.Pack("renounceOwnership")
}

// PackSafeBatchTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2eb2c2d6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeBatchTransferFrom(address from, address to, uint256[] ids, uint256[] values, bytes data) returns()
func (multiPass *MultiPass) PackSafeBatchTransferFrom(from common.Address, to common.Address, ids []*big.Int, values []*big.Int, data []byte) []byte {
	enc, err := multiPass.abi.Pack("safeBatchTransferFrom", from, to, ids, values, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSafeBatchTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2eb2c2d6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function safeBatchTransferFrom(address from, address to, uint256[] ids, uint256[] values, bytes data) returns()
func (multiPass *MultiPass) TryPackSafeBatchTransferFrom(from common.Address, to common.Address, ids []*big.Int, values []*big.Int, data []byte) ([]byte, error) {
	return multiPass.abi.Pack("safeBatchTransferFrom", from, to, ids, values, data)
}

// PackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf242432a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 id, uint256 value, bytes data) returns()
func (multiPass *MultiPass) PackSafeTransferFrom(from common.Address, to common.Address, id *big.Int, value *big.Int, data []byte) []byte {
	enc, err := multiPass.abi.Pack("safeTransferFrom", from, to, id, value, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf242432a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 id, uint256 value, bytes data) returns()
func (multiPass *MultiPass) TryPackSafeTransferFrom(from common.Address, to common.Address, id *big.Int, value *big.Int, data []byte) ([]byte, error) {
	return multiPass.abi.Pack("safeTransferFrom", from, to, id, value, data)
}

// PackSetApprovalForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa22cb465.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setApprovalForAll(address operator, bool approved) returns()
func (multiPass *MultiPass) PackSetApprovalForAll(operator common.Address, approved bool) []byte {
	enc, err := multiPass.abi.Pack("setApprovalForAll", operator, approved)
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
func (multiPass *MultiPass) TryPackSetApprovalForAll(operator common.Address, approved bool) ([]byte, error) {
	return multiPass.abi.Pack("setApprovalForAll", operator, approved)
}

// PackSetURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x02fe5305.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setURI(string uri_) returns()
func (multiPass *MultiPass) PackSetURI(uri string) []byte {
	enc, err := multiPass.abi.Pack("setURI", uri)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x02fe5305.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setURI(string uri_) returns()
func (multiPass *MultiPass) TryPackSetURI(uri string) ([]byte, error) {
	return multiPass.abi.Pack("setURI", uri)
}

// PackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (multiPass *MultiPass) PackSupportsInterface(interfaceId [4]byte) []byte {
	enc, err := multiPass.abi.Pack("supportsInterface", interfaceId)
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
func (multiPass *MultiPass) TryPackSupportsInterface(interfaceId [4]byte) ([]byte, error) {
	return multiPass.abi.Pack("supportsInterface", interfaceId)
}

// UnpackSupportsInterface is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (multiPass *MultiPass) UnpackSupportsInterface(data []byte) (bool, error) {
	out, err := multiPass.abi.Unpack("supportsInterface", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (multiPass *MultiPass) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := multiPass.abi.Pack("transferOwnership", newOwner)
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
func (multiPass *MultiPass) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return multiPass.abi.Pack("transferOwnership", newOwner)
}

// PackUri is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e89341c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function uri(uint256 ) view returns(string)
func (multiPass *MultiPass) PackUri(arg0 *big.Int) []byte {
	enc, err := multiPass.abi.Pack("uri", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUri is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e89341c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function uri(uint256 ) view returns(string)
func (multiPass *MultiPass) TryPackUri(arg0 *big.Int) ([]byte, error) {
	return multiPass.abi.Pack("uri", arg0)
}

// UnpackUri is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0e89341c.
//
// Solidity: function uri(uint256 ) view returns(string)
func (multiPass *MultiPass) UnpackUri(data []byte) (string, error) {
	out, err := multiPass.abi.Unpack("uri", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// MultiPassApprovalForAll represents a ApprovalForAll event raised by the MultiPass contract.
type MultiPassApprovalForAll struct {
	Account  common.Address
	Operator common.Address
	Approved bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const MultiPassApprovalForAllEventName = "ApprovalForAll"

// ContractEventName returns the user-defined event name.
func (MultiPassApprovalForAll) ContractEventName() string {
	return MultiPassApprovalForAllEventName
}

// UnpackApprovalForAllEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ApprovalForAll(address indexed account, address indexed operator, bool approved)
func (multiPass *MultiPass) UnpackApprovalForAllEvent(log *types.Log) (*MultiPassApprovalForAll, error) {
	event := "ApprovalForAll"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != multiPass.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(MultiPassApprovalForAll)
	if len(log.Data) > 0 {
		if err := multiPass.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range multiPass.abi.Events[event].Inputs {
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

// MultiPassOwnershipTransferred represents a OwnershipTransferred event raised by the MultiPass contract.
type MultiPassOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const MultiPassOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (MultiPassOwnershipTransferred) ContractEventName() string {
	return MultiPassOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (multiPass *MultiPass) UnpackOwnershipTransferredEvent(log *types.Log) (*MultiPassOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != multiPass.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(MultiPassOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := multiPass.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range multiPass.abi.Events[event].Inputs {
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

// MultiPassTransferBatch represents a TransferBatch event raised by the MultiPass contract.
type MultiPassTransferBatch struct {
	Operator common.Address
	From     common.Address
	To       common.Address
	Ids      []*big.Int
	Values   []*big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const MultiPassTransferBatchEventName = "TransferBatch"

// ContractEventName returns the user-defined event name.
func (MultiPassTransferBatch) ContractEventName() string {
	return MultiPassTransferBatchEventName
}

// UnpackTransferBatchEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TransferBatch(address indexed operator, address indexed from, address indexed to, uint256[] ids, uint256[] values)
func (multiPass *MultiPass) UnpackTransferBatchEvent(log *types.Log) (*MultiPassTransferBatch, error) {
	event := "TransferBatch"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != multiPass.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(MultiPassTransferBatch)
	if len(log.Data) > 0 {
		if err := multiPass.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range multiPass.abi.Events[event].Inputs {
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

// MultiPassTransferSingle represents a TransferSingle event raised by the MultiPass contract.
type MultiPassTransferSingle struct {
	Operator common.Address
	From     common.Address
	To       common.Address
	Id       *big.Int
	Value    *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const MultiPassTransferSingleEventName = "TransferSingle"

// ContractEventName returns the user-defined event name.
func (MultiPassTransferSingle) ContractEventName() string {
	return MultiPassTransferSingleEventName
}

// UnpackTransferSingleEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TransferSingle(address indexed operator, address indexed from, address indexed to, uint256 id, uint256 value)
func (multiPass *MultiPass) UnpackTransferSingleEvent(log *types.Log) (*MultiPassTransferSingle, error) {
	event := "TransferSingle"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != multiPass.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(MultiPassTransferSingle)
	if len(log.Data) > 0 {
		if err := multiPass.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range multiPass.abi.Events[event].Inputs {
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

// MultiPassURI represents a URI event raised by the MultiPass contract.
type MultiPassURI struct {
	Value string
	Id    *big.Int
	Raw   *types.Log // Blockchain specific contextual infos
}

const MultiPassURIEventName = "URI"

// ContractEventName returns the user-defined event name.
func (MultiPassURI) ContractEventName() string {
	return MultiPassURIEventName
}

// UnpackURIEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event URI(string value, uint256 indexed id)
func (multiPass *MultiPass) UnpackURIEvent(log *types.Log) (*MultiPassURI, error) {
	event := "URI"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != multiPass.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(MultiPassURI)
	if len(log.Data) > 0 {
		if err := multiPass.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range multiPass.abi.Events[event].Inputs {
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
func (multiPass *MultiPass) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], multiPass.abi.Errors["ERC1155InsufficientBalance"].ID.Bytes()[:4]) {
		return multiPass.UnpackERC1155InsufficientBalanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], multiPass.abi.Errors["ERC1155InvalidApprover"].ID.Bytes()[:4]) {
		return multiPass.UnpackERC1155InvalidApproverError(raw[4:])
	}
	if bytes.Equal(raw[:4], multiPass.abi.Errors["ERC1155InvalidArrayLength"].ID.Bytes()[:4]) {
		return multiPass.UnpackERC1155InvalidArrayLengthError(raw[4:])
	}
	if bytes.Equal(raw[:4], multiPass.abi.Errors["ERC1155InvalidOperator"].ID.Bytes()[:4]) {
		return multiPass.UnpackERC1155InvalidOperatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], multiPass.abi.Errors["ERC1155InvalidReceiver"].ID.Bytes()[:4]) {
		return multiPass.UnpackERC1155InvalidReceiverError(raw[4:])
	}
	if bytes.Equal(raw[:4], multiPass.abi.Errors["ERC1155InvalidSender"].ID.Bytes()[:4]) {
		return multiPass.UnpackERC1155InvalidSenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], multiPass.abi.Errors["ERC1155MissingApprovalForAll"].ID.Bytes()[:4]) {
		return multiPass.UnpackERC1155MissingApprovalForAllError(raw[4:])
	}
	if bytes.Equal(raw[:4], multiPass.abi.Errors["OwnableInvalidOwner"].ID.Bytes()[:4]) {
		return multiPass.UnpackOwnableInvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], multiPass.abi.Errors["OwnableUnauthorizedAccount"].ID.Bytes()[:4]) {
		return multiPass.UnpackOwnableUnauthorizedAccountError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// MultiPassERC1155InsufficientBalance represents a ERC1155InsufficientBalance error raised by the MultiPass contract.
type MultiPassERC1155InsufficientBalance struct {
	Sender  common.Address
	Balance *big.Int
	Needed  *big.Int
	TokenId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC1155InsufficientBalance(address sender, uint256 balance, uint256 needed, uint256 tokenId)
func MultiPassERC1155InsufficientBalanceErrorID() common.Hash {
	return common.HexToHash("0x03dee4c573c982787b5f3537d6323ffaca9d864448aa6bd828ada9e5d0837036")
}

// UnpackERC1155InsufficientBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC1155InsufficientBalance(address sender, uint256 balance, uint256 needed, uint256 tokenId)
func (multiPass *MultiPass) UnpackERC1155InsufficientBalanceError(raw []byte) (*MultiPassERC1155InsufficientBalance, error) {
	out := new(MultiPassERC1155InsufficientBalance)
	if err := multiPass.abi.UnpackIntoInterface(out, "ERC1155InsufficientBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// MultiPassERC1155InvalidApprover represents a ERC1155InvalidApprover error raised by the MultiPass contract.
type MultiPassERC1155InvalidApprover struct {
	Approver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC1155InvalidApprover(address approver)
func MultiPassERC1155InvalidApproverErrorID() common.Hash {
	return common.HexToHash("0x3e31884e33c33ce0039d1905e3c252950ae3b95240f36d4fff81f5ff6752ef99")
}

// UnpackERC1155InvalidApproverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC1155InvalidApprover(address approver)
func (multiPass *MultiPass) UnpackERC1155InvalidApproverError(raw []byte) (*MultiPassERC1155InvalidApprover, error) {
	out := new(MultiPassERC1155InvalidApprover)
	if err := multiPass.abi.UnpackIntoInterface(out, "ERC1155InvalidApprover", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// MultiPassERC1155InvalidArrayLength represents a ERC1155InvalidArrayLength error raised by the MultiPass contract.
type MultiPassERC1155InvalidArrayLength struct {
	IdsLength    *big.Int
	ValuesLength *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC1155InvalidArrayLength(uint256 idsLength, uint256 valuesLength)
func MultiPassERC1155InvalidArrayLengthErrorID() common.Hash {
	return common.HexToHash("0x5b0599913619cfa5633692652638ed25cafcd079c9beae8c251b12c23dcc83f2")
}

// UnpackERC1155InvalidArrayLengthError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC1155InvalidArrayLength(uint256 idsLength, uint256 valuesLength)
func (multiPass *MultiPass) UnpackERC1155InvalidArrayLengthError(raw []byte) (*MultiPassERC1155InvalidArrayLength, error) {
	out := new(MultiPassERC1155InvalidArrayLength)
	if err := multiPass.abi.UnpackIntoInterface(out, "ERC1155InvalidArrayLength", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// MultiPassERC1155InvalidOperator represents a ERC1155InvalidOperator error raised by the MultiPass contract.
type MultiPassERC1155InvalidOperator struct {
	Operator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC1155InvalidOperator(address operator)
func MultiPassERC1155InvalidOperatorErrorID() common.Hash {
	return common.HexToHash("0xced3e10010b9d2aa24827119d0db4a8feec73aea48b4b3e470d8a9f3ff723569")
}

// UnpackERC1155InvalidOperatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC1155InvalidOperator(address operator)
func (multiPass *MultiPass) UnpackERC1155InvalidOperatorError(raw []byte) (*MultiPassERC1155InvalidOperator, error) {
	out := new(MultiPassERC1155InvalidOperator)
	if err := multiPass.abi.UnpackIntoInterface(out, "ERC1155InvalidOperator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// MultiPassERC1155InvalidReceiver represents a ERC1155InvalidReceiver error raised by the MultiPass contract.
type MultiPassERC1155InvalidReceiver struct {
	Receiver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC1155InvalidReceiver(address receiver)
func MultiPassERC1155InvalidReceiverErrorID() common.Hash {
	return common.HexToHash("0x57f447ceed621d9e134e26de5772c88799abb7322ce2a87f95dce247d47105c6")
}

// UnpackERC1155InvalidReceiverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC1155InvalidReceiver(address receiver)
func (multiPass *MultiPass) UnpackERC1155InvalidReceiverError(raw []byte) (*MultiPassERC1155InvalidReceiver, error) {
	out := new(MultiPassERC1155InvalidReceiver)
	if err := multiPass.abi.UnpackIntoInterface(out, "ERC1155InvalidReceiver", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// MultiPassERC1155InvalidSender represents a ERC1155InvalidSender error raised by the MultiPass contract.
type MultiPassERC1155InvalidSender struct {
	Sender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC1155InvalidSender(address sender)
func MultiPassERC1155InvalidSenderErrorID() common.Hash {
	return common.HexToHash("0x01a83514e94b34009110b75cac6742ba33bd7c62f18a3616bafea52855d3b175")
}

// UnpackERC1155InvalidSenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC1155InvalidSender(address sender)
func (multiPass *MultiPass) UnpackERC1155InvalidSenderError(raw []byte) (*MultiPassERC1155InvalidSender, error) {
	out := new(MultiPassERC1155InvalidSender)
	if err := multiPass.abi.UnpackIntoInterface(out, "ERC1155InvalidSender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// MultiPassERC1155MissingApprovalForAll represents a ERC1155MissingApprovalForAll error raised by the MultiPass contract.
type MultiPassERC1155MissingApprovalForAll struct {
	Operator common.Address
	Owner    common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC1155MissingApprovalForAll(address operator, address owner)
func MultiPassERC1155MissingApprovalForAllErrorID() common.Hash {
	return common.HexToHash("0xe237d922be9fac42efeaaaffb42cc6b57e0ff95d94a1b74daeff69adc7657754")
}

// UnpackERC1155MissingApprovalForAllError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC1155MissingApprovalForAll(address operator, address owner)
func (multiPass *MultiPass) UnpackERC1155MissingApprovalForAllError(raw []byte) (*MultiPassERC1155MissingApprovalForAll, error) {
	out := new(MultiPassERC1155MissingApprovalForAll)
	if err := multiPass.abi.UnpackIntoInterface(out, "ERC1155MissingApprovalForAll", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// MultiPassOwnableInvalidOwner represents a OwnableInvalidOwner error raised by the MultiPass contract.
type MultiPassOwnableInvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableInvalidOwner(address owner)
func MultiPassOwnableInvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x1e4fbdf7f3ef8bcaa855599e3abf48b232380f183f08f6f813d9ffa5bd585188")
}

// UnpackOwnableInvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableInvalidOwner(address owner)
func (multiPass *MultiPass) UnpackOwnableInvalidOwnerError(raw []byte) (*MultiPassOwnableInvalidOwner, error) {
	out := new(MultiPassOwnableInvalidOwner)
	if err := multiPass.abi.UnpackIntoInterface(out, "OwnableInvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// MultiPassOwnableUnauthorizedAccount represents a OwnableUnauthorizedAccount error raised by the MultiPass contract.
type MultiPassOwnableUnauthorizedAccount struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func MultiPassOwnableUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0x118cdaa7a341953d1887a2245fd6665d741c67c8c50581daa59e1d03373fa188")
}

// UnpackOwnableUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func (multiPass *MultiPass) UnpackOwnableUnauthorizedAccountError(raw []byte) (*MultiPassOwnableUnauthorizedAccount, error) {
	out := new(MultiPassOwnableUnauthorizedAccount)
	if err := multiPass.abi.UnpackIntoInterface(out, "OwnableUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}
