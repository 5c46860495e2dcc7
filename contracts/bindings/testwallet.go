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

// TestWalletMetaData contains all meta data concerning the TestWallet contract.
var TestWalletMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner_\",\"type\":\"address\"}],\"stateMutability\":\"payable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"returnData\",\"type\":\"bytes\"}],\"name\":\"TestWalletCallFailed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"TestWalletNotOwner\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"TestWalletReverted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"mode\",\"type\":\"uint8\"}],\"name\":\"TestWalletUnknownMode\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MODE_EMPTY_RETURN\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MODE_HONEST\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MODE_REVERT\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MODE_SHORT_RETURN\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MODE_WRONG_MAGIC\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"target\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"execute\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"hash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"isValidSignature\",\"outputs\":[{\"internalType\":\"bytes4\",\"name\":\"\",\"type\":\"bytes4\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"mode\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"uint256[]\",\"name\":\"\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256[]\",\"name\":\"\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"name\":\"onERC1155BatchReceived\",\"outputs\":[{\"internalType\":\"bytes4\",\"name\":\"\",\"type\":\"bytes4\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"name\":\"onERC1155Received\",\"outputs\":[{\"internalType\":\"bytes4\",\"name\":\"\",\"type\":\"bytes4\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"name\":\"onERC721Received\",\"outputs\":[{\"internalType\":\"bytes4\",\"name\":\"\",\"type\":\"bytes4\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"mode_\",\"type\":\"uint8\"}],\"name\":\"setMode\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "TestWallet",
	Bin: "0x6080604052604051610af6380380610af68339810160408190526020916043565b5f80546001600160a01b0319166001600160a01b0392909216919091179055606e565b5f602082840312156052575f5ffd5b81516001600160a01b03811681146067575f5ffd5b9392505050565b610a7b8061007b5f395ff3fe6080604052600436106100dc575f3560e01c8063540ee9111161007c578063b61d27f611610057578063b61d27f614610254578063bc197c8114610280578063d7f25eff146102ab578063f23a6e61146102bf575f5ffd5b8063540ee911146101f65780638cfa51db1461020a5780638da5cb5b1461021e575f5ffd5b80631626ba7e116100b75780631626ba7e1461018457806321175b4a146101a357806325241584146101c4578063295a5212146101d7575f5ffd5b806301ffc9a7146100e7578063149538211461011b578063150b7a0214610141575f5ffd5b366100e357005b5f5ffd5b3480156100f2575f5ffd5b50610106610101366004610643565b6102ea565b60405190151581526020015b60405180910390f35b348015610126575f5ffd5b5061012f600381565b60405160ff9091168152602001610112565b34801561014c575f5ffd5b5061016b61015b366004610736565b630a85bd0160e11b949350505050565b6040516001600160e01b03199091168152602001610112565b34801561018f575f5ffd5b5061016b61019e3660046107df565b610320565b3480156101ae575f5ffd5b506101c26101bd366004610827565b610400565b005b3480156101cf575f5ffd5b5061012f5f81565b3480156101e2575f5ffd5b505f5461012f90600160a01b900460ff1681565b348015610201575f5ffd5b5061012f600181565b348015610215575f5ffd5b5061012f600481565b348015610229575f5ffd5b505f5461023c906001600160a01b031681565b6040516001600160a01b039091168152602001610112565b34801561025f575f5ffd5b5061027361026e366004610847565b61047a565b604051610112919061089d565b34801561028b575f5ffd5b5061016b61029a366004610948565b63bc197c8160e01b95945050505050565b3480156102b6575f5ffd5b5061012f600281565b3480156102ca575f5ffd5b5061016b6102d93660046109f7565b63f23a6e6160e01b95945050505050565b5f6001600160e01b03198216630271189760e51b148061031a57506301ffc9a760e01b6001600160e01b03198316145b92915050565b5f8054600160a01b900460ff165f19810161034e576040516370cd9f3560e11b815260040160405180910390fd5b60011960ff82160161036a575063deadbeef60e01b90506103f9565b60021960ff82160161038557630b135d3f60e11b5f5260045ff35b60031960ff82160161039357005b5f5f6103a0878787610534565b5090925090505f8160038111156103b9576103b9610a4b565b1480156103d257505f546001600160a01b038381169116145b156103ea5750630b135d3f60e11b92506103f9915050565b506001600160e01b0319925050505b9392505050565b5f546001600160a01b0316331461043157604051637cef551760e11b81523360048201526024015b60405180910390fd5b600460ff8216111561045b57604051635113afe960e11b815260ff82166004820152602401610428565b5f805460ff909216600160a01b0260ff60a01b19909216919091179055565b5f546060906001600160a01b031633146104a957604051637cef551760e11b8152336004820152602401610428565b5f5f866001600160a01b03168686866040516104c6929190610a5f565b5f6040518083038185875af1925050503d805f8114610500576040519150601f19603f3d011682016040523d82523d5f602084013e610505565b606091505b50915091508161052a5780604051632a6cfaa960e21b8152600401610428919061089d565b9695505050505050565b5f80806041849003610568578435602086013560408701355f1a61055a8982858561057b565b955095509550505050610572565b505f915060029050825b93509350939050565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08411156105b457505f91506003905082610639565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa158015610605573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b03811661063057505f925060019150829050610639565b92505f91508190505b9450945094915050565b5f60208284031215610653575f5ffd5b81356001600160e01b0319811681146103f9575f5ffd5b80356001600160a01b0381168114610680575f5ffd5b919050565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f1916810167ffffffffffffffff811182821017156106c2576106c2610685565b604052919050565b5f82601f8301126106d9575f5ffd5b813567ffffffffffffffff8111156106f3576106f3610685565b610706601f8201601f1916602001610699565b81815284602083860101111561071a575f5ffd5b816020850160208301375f918101602001919091529392505050565b5f5f5f5f60808587031215610749575f5ffd5b6107528561066a565b93506107606020860161066a565b925060408501359150606085013567ffffffffffffffff811115610782575f5ffd5b61078e878288016106ca565b91505092959194509250565b5f5f83601f8401126107aa575f5ffd5b50813567ffffffffffffffff8111156107c1575f5ffd5b6020830191508360208285010111156107d8575f5ffd5b9250929050565b5f5f5f604084860312156107f1575f5ffd5b83359250602084013567ffffffffffffffff81111561080e575f5ffd5b61081a8682870161079a565b9497909650939450505050565b5f60208284031215610837575f5ffd5b813560ff811681146103f9575f5ffd5b5f5f5f5f6060858703121561085a575f5ffd5b6108638561066a565b935060208501359250604085013567ffffffffffffffff811115610885575f5ffd5b6108918782880161079a565b95989497509550505050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b5f82601f8301126108e1575f5ffd5b813567ffffffffffffffff8111156108fb576108fb610685565b8060051b61090b60208201610699565b91825260208185018101929081019086841115610926575f5ffd5b6020860192505b8383101561052a57823582526020928301929091019061092d565b5f5f5f5f5f60a0868803121561095c575f5ffd5b6109658661066a565b94506109736020870161066a565b9350604086013567ffffffffffffffff81111561098e575f5ffd5b61099a888289016108d2565b935050606086013567ffffffffffffffff8111156109b6575f5ffd5b6109c2888289016108d2565b925050608086013567ffffffffffffffff8111156109de575f5ffd5b6109ea888289016106ca565b9150509295509295909350565b5f5f5f5f5f60a08688031215610a0b575f5ffd5b610a148661066a565b9450610a226020870161066a565b93506040860135925060608601359150608086013567ffffffffffffffff8111156109de575f5ffd5b634e487b7160e01b5f52602160045260245ffd5b818382375f910190815291905056fea164736f6c6343000825000a",
}

// TestWallet is an auto generated Go binding around an Ethereum contract.
type TestWallet struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *TestWallet) GetABI() abi.ABI {
	return c.abi
}

// NewTestWallet creates a new instance of TestWallet.
func NewTestWallet() *TestWallet {
	parsed, err := TestWalletMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &TestWallet{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *TestWallet) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address owner_) payable returns()
func (testWallet *TestWallet) PackConstructor(owner_ common.Address) []byte {
	enc, err := testWallet.abi.Pack("", owner_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackMODEEMPTYRETURN is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8cfa51db.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MODE_EMPTY_RETURN() view returns(uint8)
func (testWallet *TestWallet) PackMODEEMPTYRETURN() []byte {
	enc, err := testWallet.abi.Pack("MODE_EMPTY_RETURN")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMODEEMPTYRETURN is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8cfa51db.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MODE_EMPTY_RETURN() view returns(uint8)
func (testWallet *TestWallet) TryPackMODEEMPTYRETURN() ([]byte, error) {
	return testWallet.abi.Pack("MODE_EMPTY_RETURN")
}

// UnpackMODEEMPTYRETURN is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8cfa51db.
//
// Solidity: function MODE_EMPTY_RETURN() view returns(uint8)
func (testWallet *TestWallet) UnpackMODEEMPTYRETURN(data []byte) (uint8, error) {
	out, err := testWallet.abi.Unpack("MODE_EMPTY_RETURN", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackMODEHONEST is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x25241584.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MODE_HONEST() view returns(uint8)
func (testWallet *TestWallet) PackMODEHONEST() []byte {
	enc, err := testWallet.abi.Pack("MODE_HONEST")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMODEHONEST is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x25241584.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MODE_HONEST() view returns(uint8)
func (testWallet *TestWallet) TryPackMODEHONEST() ([]byte, error) {
	return testWallet.abi.Pack("MODE_HONEST")
}

// UnpackMODEHONEST is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x25241584.
//
// Solidity: function MODE_HONEST() view returns(uint8)
func (testWallet *TestWallet) UnpackMODEHONEST(data []byte) (uint8, error) {
	out, err := testWallet.abi.Unpack("MODE_HONEST", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackMODEREVERT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x540ee911.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MODE_REVERT() view returns(uint8)
func (testWallet *TestWallet) PackMODEREVERT() []byte {
	enc, err := testWallet.abi.Pack("MODE_REVERT")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMODEREVERT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x540ee911.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MODE_REVERT() view returns(uint8)
func (testWallet *TestWallet) TryPackMODEREVERT() ([]byte, error) {
	return testWallet.abi.Pack("MODE_REVERT")
}

// UnpackMODEREVERT is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x540ee911.
//
// Solidity: function MODE_REVERT() view returns(uint8)
func (testWallet *TestWallet) UnpackMODEREVERT(data []byte) (uint8, error) {
	out, err := testWallet.abi.Unpack("MODE_REVERT", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackMODESHORTRETURN is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x14953821.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MODE_SHORT_RETURN() view returns(uint8)
func (testWallet *TestWallet) PackMODESHORTRETURN() []byte {
	enc, err := testWallet.abi.Pack("MODE_SHORT_RETURN")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMODESHORTRETURN is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x14953821.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MODE_SHORT_RETURN() view returns(uint8)
func (testWallet *TestWallet) TryPackMODESHORTRETURN() ([]byte, error) {
	return testWallet.abi.Pack("MODE_SHORT_RETURN")
}

// UnpackMODESHORTRETURN is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x14953821.
//
// Solidity: function MODE_SHORT_RETURN() view returns(uint8)
func (testWallet *TestWallet) UnpackMODESHORTRETURN(data []byte) (uint8, error) {
	out, err := testWallet.abi.Unpack("MODE_SHORT_RETURN", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackMODEWRONGMAGIC is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd7f25eff.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MODE_WRONG_MAGIC() view returns(uint8)
func (testWallet *TestWallet) PackMODEWRONGMAGIC() []byte {
	enc, err := testWallet.abi.Pack("MODE_WRONG_MAGIC")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMODEWRONGMAGIC is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd7f25eff.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MODE_WRONG_MAGIC() view returns(uint8)
func (testWallet *TestWallet) TryPackMODEWRONGMAGIC() ([]byte, error) {
	return testWallet.abi.Pack("MODE_WRONG_MAGIC")
}

// UnpackMODEWRONGMAGIC is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd7f25eff.
//
// Solidity: function MODE_WRONG_MAGIC() view returns(uint8)
func (testWallet *TestWallet) UnpackMODEWRONGMAGIC(data []byte) (uint8, error) {
	out, err := testWallet.abi.Unpack("MODE_WRONG_MAGIC", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackExecute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb61d27f6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function execute(address target, uint256 value, bytes data) returns(bytes)
func (testWallet *TestWallet) PackExecute(target common.Address, value *big.Int, data []byte) []byte {
	enc, err := testWallet.abi.Pack("execute", target, value, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackExecute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb61d27f6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function execute(address target, uint256 value, bytes data) returns(bytes)
func (testWallet *TestWallet) TryPackExecute(target common.Address, value *big.Int, data []byte) ([]byte, error) {
	return testWallet.abi.Pack("execute", target, value, data)
}

// UnpackExecute is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb61d27f6.
//
// Solidity: function execute(address target, uint256 value, bytes data) returns(bytes)
func (testWallet *TestWallet) UnpackExecute(data []byte) ([]byte, error) {
	out, err := testWallet.abi.Unpack("execute", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackIsValidSignature is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1626ba7e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isValidSignature(bytes32 hash, bytes signature) view returns(bytes4)
func (testWallet *TestWallet) PackIsValidSignature(hash [32]byte, signature []byte) []byte {
	enc, err := testWallet.abi.Pack("isValidSignature", hash, signature)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsValidSignature is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1626ba7e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isValidSignature(bytes32 hash, bytes signature) view returns(bytes4)
func (testWallet *TestWallet) TryPackIsValidSignature(hash [32]byte, signature []byte) ([]byte, error) {
	return testWallet.abi.Pack("isValidSignature", hash, signature)
}

// UnpackIsValidSignature is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1626ba7e.
//
// Solidity: function isValidSignature(bytes32 hash, bytes signature) view returns(bytes4)
func (testWallet *TestWallet) UnpackIsValidSignature(data []byte) ([4]byte, error) {
	out, err := testWallet.abi.Unpack("isValidSignature", data)
	if err != nil {
		return *new([4]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([4]byte)).(*[4]byte)
	return out0, nil
}

// PackMode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x295a5212.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mode() view returns(uint8)
func (testWallet *TestWallet) PackMode() []byte {
	enc, err := testWallet.abi.Pack("mode")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x295a5212.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mode() view returns(uint8)
func (testWallet *TestWallet) TryPackMode() ([]byte, error) {
	return testWallet.abi.Pack("mode")
}

// UnpackMode is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x295a5212.
//
// Solidity: function mode() view returns(uint8)
func (testWallet *TestWallet) UnpackMode(data []byte) (uint8, error) {
	out, err := testWallet.abi.Unpack("mode", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackOnERC1155BatchReceived is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbc197c81.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function onERC1155BatchReceived(address , address , uint256[] , uint256[] , bytes ) returns(bytes4)
func (testWallet *TestWallet) PackOnERC1155BatchReceived(arg0 common.Address, arg1 common.Address, arg2 []*big.Int, arg3 []*big.Int, arg4 []byte) []byte {
	enc, err := testWallet.abi.Pack("onERC1155BatchReceived", arg0, arg1, arg2, arg3, arg4)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOnERC1155BatchReceived is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbc197c81.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function onERC1155BatchReceived(address , address , uint256[] , uint256[] , bytes ) returns(bytes4)
func (testWallet *TestWallet) TryPackOnERC1155BatchReceived(arg0 common.Address, arg1 common.Address, arg2 []*big.Int, arg3 []*big.Int, arg4 []byte) ([]byte, error) {
	return testWallet.abi.Pack("onERC1155BatchReceived", arg0, arg1, arg2, arg3, arg4)
}

// UnpackOnERC1155BatchReceived is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbc197c81.
//
// Solidity: function onERC1155BatchReceived(address , address , uint256[] , uint256[] , bytes ) returns(bytes4)
func (testWallet *TestWallet) UnpackOnERC1155BatchReceived(data []byte) ([4]byte, error) {
	out, err := testWallet.abi.Unpack("onERC1155BatchReceived", data)
	if err != nil {
		return *new([4]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([4]byte)).(*[4]byte)
	return out0, nil
}

// PackOnERC1155Received is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf23a6e61.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function onERC1155Received(address , address , uint256 , uint256 , bytes ) returns(bytes4)
func (testWallet *TestWallet) PackOnERC1155Received(arg0 common.Address, arg1 common.Address, arg2 *big.Int, arg3 *big.Int, arg4 []byte) []byte {
	enc, err := testWallet.abi.Pack("onERC1155Received", arg0, arg1, arg2, arg3, arg4)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOnERC1155Received is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf23a6e61.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function onERC1155Received(address , address , uint256 , uint256 , bytes ) returns(bytes4)
func (testWallet *TestWallet) TryPackOnERC1155Received(arg0 common.Address, arg1 common.Address, arg2 *big.Int, arg3 *big.Int, arg4 []byte) ([]byte, error) {
	return testWallet.abi.Pack("onERC1155Received", arg0, arg1, arg2, arg3, arg4)
}

// UnpackOnERC1155Received is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf23a6e61.
//
// Solidity: function onERC1155Received(address , address , uint256 , uint256 , bytes ) returns(bytes4)
func (testWallet *TestWallet) UnpackOnERC1155Received(data []byte) ([4]byte, error) {
	out, err := testWallet.abi.Unpack("onERC1155Received", data)
	if err != nil {
		return *new([4]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([4]byte)).(*[4]byte)
	return out0, nil
}

// PackOnERC721Received is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x150b7a02.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function onERC721Received(address , address , uint256 , bytes ) returns(bytes4)
func (testWallet *TestWallet) PackOnERC721Received(arg0 common.Address, arg1 common.Address, arg2 *big.Int, arg3 []byte) []byte {
	enc, err := testWallet.abi.Pack("onERC721Received", arg0, arg1, arg2, arg3)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOnERC721Received is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x150b7a02.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function onERC721Received(address , address , uint256 , bytes ) returns(bytes4)
func (testWallet *TestWallet) TryPackOnERC721Received(arg0 common.Address, arg1 common.Address, arg2 *big.Int, arg3 []byte) ([]byte, error) {
	return testWallet.abi.Pack("onERC721Received", arg0, arg1, arg2, arg3)
}

// UnpackOnERC721Received is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x150b7a02.
//
// Solidity: function onERC721Received(address , address , uint256 , bytes ) returns(bytes4)
func (testWallet *TestWallet) UnpackOnERC721Received(data []byte) ([4]byte, error) {
	out, err := testWallet.abi.Unpack("onERC721Received", data)
	if err != nil {
		return *new([4]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([4]byte)).(*[4]byte)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (testWallet *TestWallet) PackOwner() []byte {
	enc, err := testWallet.abi.Pack("owner")
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
func (testWallet *TestWallet) TryPackOwner() ([]byte, error) {
	return testWallet.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (testWallet *TestWallet) UnpackOwner(data []byte) (common.Address, error) {
	out, err := testWallet.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackSetMode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x21175b4a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setMode(uint8 mode_) returns()
func (testWallet *TestWallet) PackSetMode(mode uint8) []byte {
	enc, err := testWallet.abi.Pack("setMode", mode)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetMode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x21175b4a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setMode(uint8 mode_) returns()
func (testWallet *TestWallet) TryPackSetMode(mode uint8) ([]byte, error) {
	return testWallet.abi.Pack("setMode", mode)
}

// PackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (testWallet *TestWallet) PackSupportsInterface(interfaceId [4]byte) []byte {
	enc, err := testWallet.abi.Pack("supportsInterface", interfaceId)
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
func (testWallet *TestWallet) TryPackSupportsInterface(interfaceId [4]byte) ([]byte, error) {
	return testWallet.abi.Pack("supportsInterface", interfaceId)
}

// UnpackSupportsInterface is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (testWallet *TestWallet) UnpackSupportsInterface(data []byte) (bool, error) {
	out, err := testWallet.abi.Unpack("supportsInterface", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (testWallet *TestWallet) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], testWallet.abi.Errors["TestWalletCallFailed"].ID.Bytes()[:4]) {
		return testWallet.UnpackTestWalletCallFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], testWallet.abi.Errors["TestWalletNotOwner"].ID.Bytes()[:4]) {
		return testWallet.UnpackTestWalletNotOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], testWallet.abi.Errors["TestWalletReverted"].ID.Bytes()[:4]) {
		return testWallet.UnpackTestWalletRevertedError(raw[4:])
	}
	if bytes.Equal(raw[:4], testWallet.abi.Errors["TestWalletUnknownMode"].ID.Bytes()[:4]) {
		return testWallet.UnpackTestWalletUnknownModeError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// TestWalletTestWalletCallFailed represents a TestWalletCallFailed error raised by the TestWallet contract.
type TestWalletTestWalletCallFailed struct {
	ReturnData []byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TestWalletCallFailed(bytes returnData)
func TestWalletTestWalletCallFailedErrorID() common.Hash {
	return common.HexToHash("0xa9b3eaa40024d09a859296e0583a520597c9e6df399a44a7ded0ce1fd45ade5c")
}

// UnpackTestWalletCallFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TestWalletCallFailed(bytes returnData)
func (testWallet *TestWallet) UnpackTestWalletCallFailedError(raw []byte) (*TestWalletTestWalletCallFailed, error) {
	out := new(TestWalletTestWalletCallFailed)
	if err := testWallet.abi.UnpackIntoInterface(out, "TestWalletCallFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestWalletTestWalletNotOwner represents a TestWalletNotOwner error raised by the TestWallet contract.
type TestWalletTestWalletNotOwner struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TestWalletNotOwner(address caller)
func TestWalletTestWalletNotOwnerErrorID() common.Hash {
	return common.HexToHash("0xf9deaa2ead3b44956caf5e77cab65de1f7ce65aee95c929dbaf2f76a52b07f3a")
}

// UnpackTestWalletNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TestWalletNotOwner(address caller)
func (testWallet *TestWallet) UnpackTestWalletNotOwnerError(raw []byte) (*TestWalletTestWalletNotOwner, error) {
	out := new(TestWalletTestWalletNotOwner)
	if err := testWallet.abi.UnpackIntoInterface(out, "TestWalletNotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestWalletTestWalletReverted represents a TestWalletReverted error raised by the TestWallet contract.
type TestWalletTestWalletReverted struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TestWalletReverted()
func TestWalletTestWalletRevertedErrorID() common.Hash {
	return common.HexToHash("0xe19b3e6a976227f55f80e48f759e8938df2ecd62b64bd314f46469830bd50484")
}

// UnpackTestWalletRevertedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TestWalletReverted()
func (testWallet *TestWallet) UnpackTestWalletRevertedError(raw []byte) (*TestWalletTestWalletReverted, error) {
	out := new(TestWalletTestWalletReverted)
	if err := testWallet.abi.UnpackIntoInterface(out, "TestWalletReverted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestWalletTestWalletUnknownMode represents a TestWalletUnknownMode error raised by the TestWallet contract.
type TestWalletTestWalletUnknownMode struct {
	Mode uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TestWalletUnknownMode(uint8 mode)
func TestWalletTestWalletUnknownModeErrorID() common.Hash {
	return common.HexToHash("0xa2275fd2f93f01d2a98bbd0c3f4d8b61c91a7469953daa75a6fa108b7d6e5451")
}

// UnpackTestWalletUnknownModeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TestWalletUnknownMode(uint8 mode)
func (testWallet *TestWallet) UnpackTestWalletUnknownModeError(raw []byte) (*TestWalletTestWalletUnknownMode, error) {
	out := new(TestWalletTestWalletUnknownMode)
	if err := testWallet.abi.UnpackIntoInterface(out, "TestWalletUnknownMode", raw); err != nil {
		return nil, err
	}
	return out, nil
}
