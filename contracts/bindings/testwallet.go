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
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner_\",\"type\":\"address\"}],\"stateMutability\":\"payable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"returnData\",\"type\":\"bytes\"}],\"name\":\"CallFailed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"Reverted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"target\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"execute\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"hash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"isValidSignature\",\"outputs\":[{\"internalType\":\"bytes4\",\"name\":\"\",\"type\":\"bytes4\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"mode\",\"outputs\":[{\"internalType\":\"enumTestWallet.Mode\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"uint256[]\",\"name\":\"\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256[]\",\"name\":\"\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"name\":\"onERC1155BatchReceived\",\"outputs\":[{\"internalType\":\"bytes4\",\"name\":\"\",\"type\":\"bytes4\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"name\":\"onERC1155Received\",\"outputs\":[{\"internalType\":\"bytes4\",\"name\":\"\",\"type\":\"bytes4\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"name\":\"onERC721Received\",\"outputs\":[{\"internalType\":\"bytes4\",\"name\":\"\",\"type\":\"bytes4\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"enumTestWallet.Mode\",\"name\":\"mode_\",\"type\":\"uint8\"}],\"name\":\"setMode\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "TestWallet",
	Bin: "0x6080604052604051610a78380380610a788339810160408190526020916043565b5f80546001600160a01b0319166001600160a01b0392909216919091179055606e565b5f602082840312156052575f5ffd5b81516001600160a01b03811681146067575f5ffd5b9392505050565b6109fd8061007b5f395ff3fe608060405260043610610087575f3560e01c8063295a521211610057578063295a5212146101495780638da5cb5b14610175578063b61d27f6146101ab578063bc197c81146101d7578063f23a6e6114610202575f5ffd5b806301ffc9a714610092578063150b7a02146100c65780631626ba7e1461010957806321175b4a14610128575f5ffd5b3661008e57005b5f5ffd5b34801561009d575f5ffd5b506100b16100ac3660046105a1565b61022d565b60405190151581526020015b60405180910390f35b3480156100d1575f5ffd5b506100f06100e0366004610694565b630a85bd0160e11b949350505050565b6040516001600160e01b031990911681526020016100bd565b348015610114575f5ffd5b506100f061012336600461073d565b610263565b348015610133575f5ffd5b50610147610142366004610785565b61037b565b005b348015610154575f5ffd5b505f5461016890600160a01b900460ff1681565b6040516100bd91906107b7565b348015610180575f5ffd5b505f54610193906001600160a01b031681565b6040516001600160a01b0390911681526020016100bd565b3480156101b6575f5ffd5b506101ca6101c53660046107dd565b6103d8565b6040516100bd9190610833565b3480156101e2575f5ffd5b506100f06101f13660046108de565b63bc197c8160e01b95945050505050565b34801561020d575f5ffd5b506100f061021c36600461098d565b63f23a6e6160e01b95945050505050565b5f6001600160e01b03198216630271189760e51b148061025d57506301ffc9a760e01b6001600160e01b03198316145b92915050565b5f8054600160a01b900460ff166001816004811115610284576102846107a3565b036102a257604051634a5033eb60e01b815260040160405180910390fd5b60028160048111156102b6576102b66107a3565b036102cb575063deadbeef60e01b9050610374565b60038160048111156102df576102df6107a3565b036102f357630b135d3f60e11b5f5260045ff35b6004816004811115610307576103076107a3565b0361030e57005b5f5f61031b878787610492565b5090925090505f816003811115610334576103346107a3565b14801561034d57505f546001600160a01b038381169116145b156103655750630b135d3f60e11b9250610374915050565b506001600160e01b0319925050505b9392505050565b5f546001600160a01b031633146103ac5760405163245aecd360e01b81523360048201526024015b60405180910390fd5b5f805482919060ff60a01b1916600160a01b8360048111156103d0576103d06107a3565b021790555050565b5f546060906001600160a01b031633146104075760405163245aecd360e01b81523360048201526024016103a3565b5f5f866001600160a01b03168686866040516104249291906109e1565b5f6040518083038185875af1925050503d805f811461045e576040519150601f19603f3d011682016040523d82523d5f602084013e610463565b606091505b509150915081610488578060405163a5fa8d2b60e01b81526004016103a39190610833565b9695505050505050565b5f808060418490036104c6578435602086013560408701355f1a6104b8898285856104d9565b9550955095505050506104d0565b505f915060029050825b93509350939050565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a084111561051257505f91506003905082610597565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa158015610563573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b03811661058e57505f925060019150829050610597565b92505f91508190505b9450945094915050565b5f602082840312156105b1575f5ffd5b81356001600160e01b031981168114610374575f5ffd5b80356001600160a01b03811681146105de575f5ffd5b919050565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f1916810167ffffffffffffffff81118282101715610620576106206105e3565b604052919050565b5f82601f830112610637575f5ffd5b813567ffffffffffffffff811115610651576106516105e3565b610664601f8201601f19166020016105f7565b818152846020838601011115610678575f5ffd5b816020850160208301375f918101602001919091529392505050565b5f5f5f5f608085870312156106a7575f5ffd5b6106b0856105c8565b93506106be602086016105c8565b925060408501359150606085013567ffffffffffffffff8111156106e0575f5ffd5b6106ec87828801610628565b91505092959194509250565b5f5f83601f840112610708575f5ffd5b50813567ffffffffffffffff81111561071f575f5ffd5b602083019150836020828501011115610736575f5ffd5b9250929050565b5f5f5f6040848603121561074f575f5ffd5b83359250602084013567ffffffffffffffff81111561076c575f5ffd5b610778868287016106f8565b9497909650939450505050565b5f60208284031215610795575f5ffd5b813560058110610374575f5ffd5b634e487b7160e01b5f52602160045260245ffd5b60208101600583106107d757634e487b7160e01b5f52602160045260245ffd5b91905290565b5f5f5f5f606085870312156107f0575f5ffd5b6107f9856105c8565b935060208501359250604085013567ffffffffffffffff81111561081b575f5ffd5b610827878288016106f8565b95989497509550505050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b5f82601f830112610877575f5ffd5b813567ffffffffffffffff811115610891576108916105e3565b8060051b6108a1602082016105f7565b918252602081850181019290810190868411156108bc575f5ffd5b6020860192505b838310156104885782358252602092830192909101906108c3565b5f5f5f5f5f60a086880312156108f2575f5ffd5b6108fb866105c8565b9450610909602087016105c8565b9350604086013567ffffffffffffffff811115610924575f5ffd5b61093088828901610868565b935050606086013567ffffffffffffffff81111561094c575f5ffd5b61095888828901610868565b925050608086013567ffffffffffffffff811115610974575f5ffd5b61098088828901610628565b9150509295509295909350565b5f5f5f5f5f60a086880312156109a1575f5ffd5b6109aa866105c8565b94506109b8602087016105c8565b93506040860135925060608601359150608086013567ffffffffffffffff811115610974575f5ffd5b818382375f910190815291905056fea164736f6c6343000825000a",
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
	if bytes.Equal(raw[:4], testWallet.abi.Errors["CallFailed"].ID.Bytes()[:4]) {
		return testWallet.UnpackCallFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], testWallet.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return testWallet.UnpackNotOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], testWallet.abi.Errors["Reverted"].ID.Bytes()[:4]) {
		return testWallet.UnpackRevertedError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// TestWalletCallFailed represents a CallFailed error raised by the TestWallet contract.
type TestWalletCallFailed struct {
	ReturnData []byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error CallFailed(bytes returnData)
func TestWalletCallFailedErrorID() common.Hash {
	return common.HexToHash("0xa5fa8d2bd23af43608c66a1e71e091ad72afa45dfd478efa1657e01a9a4ceea6")
}

// UnpackCallFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error CallFailed(bytes returnData)
func (testWallet *TestWallet) UnpackCallFailedError(raw []byte) (*TestWalletCallFailed, error) {
	out := new(TestWalletCallFailed)
	if err := testWallet.abi.UnpackIntoInterface(out, "CallFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestWalletNotOwner represents a NotOwner error raised by the TestWallet contract.
type TestWalletNotOwner struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner(address caller)
func TestWalletNotOwnerErrorID() common.Hash {
	return common.HexToHash("0x245aecd3fabbd17d6c3c92dc7f0ab916ea8cbf6fc1862c8b56893090ac3fff4c")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner(address caller)
func (testWallet *TestWallet) UnpackNotOwnerError(raw []byte) (*TestWalletNotOwner, error) {
	out := new(TestWalletNotOwner)
	if err := testWallet.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestWalletReverted represents a Reverted error raised by the TestWallet contract.
type TestWalletReverted struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Reverted()
func TestWalletRevertedErrorID() common.Hash {
	return common.HexToHash("0x4a5033eba229298b71347c6372461f8a064c0c891170da71eb068bfb4ca80d02")
}

// UnpackRevertedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Reverted()
func (testWallet *TestWallet) UnpackRevertedError(raw []byte) (*TestWalletReverted, error) {
	out := new(TestWalletReverted)
	if err := testWallet.abi.UnpackIntoInterface(out, "Reverted", raw); err != nil {
		return nil, err
	}
	return out, nil
}
