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

// TestWalletFactoryMetaData contains all meta data concerning the TestWalletFactory contract.
var TestWalletFactoryMetaData = bind.MetaData{
	ABI: "[{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"wallet\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"}],\"name\":\"Deployed\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"}],\"name\":\"deploy\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"wallet\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"}],\"name\":\"predict\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "TestWalletFactory",
	Bin: "0x6080604052348015600e575f5ffd5b50610cc28061001c5f395ff3fe608060405234801561000f575f5ffd5b5060043610610034575f3560e01c806332c02a141461003857806364fb6f5e14610067575b5f5ffd5b61004b6100463660046101dd565b61007a565b6040516001600160a01b03909116815260200160405180910390f35b61004b6100753660046101dd565b61010c565b5f8183604051610089906101d0565b6001600160a01b0390911681526020018190604051809103905ff59050801580156100b6573d5f5f3e3d5ffd5b509050826001600160a01b0316816001600160a01b03167f8a667a762c6b11836243ef58bb98850c7a4210d0226eb030bb2e03e3b7cc01e3846040516100fe91815260200190565b60405180910390a392915050565b5f5f6040518060200161011e906101d0565b601f1982820381018352601f9091011660408181526001600160a01b03871660208301520160408051601f19818403018152908290526101619291602001610229565b604051602081830303815290604052805190602001209050610183838261018b565b949350505050565b5f61019783833061019e565b9392505050565b5f604051836040820152846020820152828152600b8101905060ff8153605590206001600160a01b0316949350505050565b610a788061023e83390190565b5f5f604083850312156101ee575f5ffd5b82356001600160a01b0381168114610204575f5ffd5b946020939093013593505050565b5f81518060208401855e5f93019283525090919050565b5f6101836102378386610212565b8461021256fe6080604052604051610a78380380610a788339810160408190526020916043565b5f80546001600160a01b0319166001600160a01b0392909216919091179055606e565b5f602082840312156052575f5ffd5b81516001600160a01b03811681146067575f5ffd5b9392505050565b6109fd8061007b5f395ff3fe608060405260043610610087575f3560e01c8063295a521211610057578063295a5212146101495780638da5cb5b14610175578063b61d27f6146101ab578063bc197c81146101d7578063f23a6e6114610202575f5ffd5b806301ffc9a714610092578063150b7a02146100c65780631626ba7e1461010957806321175b4a14610128575f5ffd5b3661008e57005b5f5ffd5b34801561009d575f5ffd5b506100b16100ac3660046105a1565b61022d565b60405190151581526020015b60405180910390f35b3480156100d1575f5ffd5b506100f06100e0366004610694565b630a85bd0160e11b949350505050565b6040516001600160e01b031990911681526020016100bd565b348015610114575f5ffd5b506100f061012336600461073d565b610263565b348015610133575f5ffd5b50610147610142366004610785565b61037b565b005b348015610154575f5ffd5b505f5461016890600160a01b900460ff1681565b6040516100bd91906107b7565b348015610180575f5ffd5b505f54610193906001600160a01b031681565b6040516001600160a01b0390911681526020016100bd565b3480156101b6575f5ffd5b506101ca6101c53660046107dd565b6103d8565b6040516100bd9190610833565b3480156101e2575f5ffd5b506100f06101f13660046108de565b63bc197c8160e01b95945050505050565b34801561020d575f5ffd5b506100f061021c36600461098d565b63f23a6e6160e01b95945050505050565b5f6001600160e01b03198216630271189760e51b148061025d57506301ffc9a760e01b6001600160e01b03198316145b92915050565b5f8054600160a01b900460ff166001816004811115610284576102846107a3565b036102a257604051634a5033eb60e01b815260040160405180910390fd5b60028160048111156102b6576102b66107a3565b036102cb575063deadbeef60e01b9050610374565b60038160048111156102df576102df6107a3565b036102f357630b135d3f60e11b5f5260045ff35b6004816004811115610307576103076107a3565b0361030e57005b5f5f61031b878787610492565b5090925090505f816003811115610334576103346107a3565b14801561034d57505f546001600160a01b038381169116145b156103655750630b135d3f60e11b9250610374915050565b506001600160e01b0319925050505b9392505050565b5f546001600160a01b031633146103ac5760405163245aecd360e01b81523360048201526024015b60405180910390fd5b5f805482919060ff60a01b1916600160a01b8360048111156103d0576103d06107a3565b021790555050565b5f546060906001600160a01b031633146104075760405163245aecd360e01b81523360048201526024016103a3565b5f5f866001600160a01b03168686866040516104249291906109e1565b5f6040518083038185875af1925050503d805f811461045e576040519150601f19603f3d011682016040523d82523d5f602084013e610463565b606091505b509150915081610488578060405163a5fa8d2b60e01b81526004016103a39190610833565b9695505050505050565b5f808060418490036104c6578435602086013560408701355f1a6104b8898285856104d9565b9550955095505050506104d0565b505f915060029050825b93509350939050565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a084111561051257505f91506003905082610597565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa158015610563573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b03811661058e57505f925060019150829050610597565b92505f91508190505b9450945094915050565b5f602082840312156105b1575f5ffd5b81356001600160e01b031981168114610374575f5ffd5b80356001600160a01b03811681146105de575f5ffd5b919050565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f1916810167ffffffffffffffff81118282101715610620576106206105e3565b604052919050565b5f82601f830112610637575f5ffd5b813567ffffffffffffffff811115610651576106516105e3565b610664601f8201601f19166020016105f7565b818152846020838601011115610678575f5ffd5b816020850160208301375f918101602001919091529392505050565b5f5f5f5f608085870312156106a7575f5ffd5b6106b0856105c8565b93506106be602086016105c8565b925060408501359150606085013567ffffffffffffffff8111156106e0575f5ffd5b6106ec87828801610628565b91505092959194509250565b5f5f83601f840112610708575f5ffd5b50813567ffffffffffffffff81111561071f575f5ffd5b602083019150836020828501011115610736575f5ffd5b9250929050565b5f5f5f6040848603121561074f575f5ffd5b83359250602084013567ffffffffffffffff81111561076c575f5ffd5b610778868287016106f8565b9497909650939450505050565b5f60208284031215610795575f5ffd5b813560058110610374575f5ffd5b634e487b7160e01b5f52602160045260245ffd5b60208101600583106107d757634e487b7160e01b5f52602160045260245ffd5b91905290565b5f5f5f5f606085870312156107f0575f5ffd5b6107f9856105c8565b935060208501359250604085013567ffffffffffffffff81111561081b575f5ffd5b610827878288016106f8565b95989497509550505050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b5f82601f830112610877575f5ffd5b813567ffffffffffffffff811115610891576108916105e3565b8060051b6108a1602082016105f7565b918252602081850181019290810190868411156108bc575f5ffd5b6020860192505b838310156104885782358252602092830192909101906108c3565b5f5f5f5f5f60a086880312156108f2575f5ffd5b6108fb866105c8565b9450610909602087016105c8565b9350604086013567ffffffffffffffff811115610924575f5ffd5b61093088828901610868565b935050606086013567ffffffffffffffff81111561094c575f5ffd5b61095888828901610868565b925050608086013567ffffffffffffffff811115610974575f5ffd5b61098088828901610628565b9150509295509295909350565b5f5f5f5f5f60a086880312156109a1575f5ffd5b6109aa866105c8565b94506109b8602087016105c8565b93506040860135925060608601359150608086013567ffffffffffffffff811115610974575f5ffd5b818382375f910190815291905056fea164736f6c6343000825000aa164736f6c6343000825000a",
}

// TestWalletFactory is an auto generated Go binding around an Ethereum contract.
type TestWalletFactory struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *TestWalletFactory) GetABI() abi.ABI {
	return c.abi
}

// NewTestWalletFactory creates a new instance of TestWalletFactory.
func NewTestWalletFactory() *TestWalletFactory {
	parsed, err := TestWalletFactoryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &TestWalletFactory{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *TestWalletFactory) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackDeploy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x32c02a14.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deploy(address owner, bytes32 salt) returns(address wallet)
func (testWalletFactory *TestWalletFactory) PackDeploy(owner common.Address, salt [32]byte) []byte {
	enc, err := testWalletFactory.abi.Pack("deploy", owner, salt)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeploy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x32c02a14.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deploy(address owner, bytes32 salt) returns(address wallet)
func (testWalletFactory *TestWalletFactory) TryPackDeploy(owner common.Address, salt [32]byte) ([]byte, error) {
	return testWalletFactory.abi.Pack("deploy", owner, salt)
}

// UnpackDeploy is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x32c02a14.
//
// Solidity: function deploy(address owner, bytes32 salt) returns(address wallet)
func (testWalletFactory *TestWalletFactory) UnpackDeploy(data []byte) (common.Address, error) {
	out, err := testWalletFactory.abi.Unpack("deploy", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackPredict is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x64fb6f5e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function predict(address owner, bytes32 salt) view returns(address)
func (testWalletFactory *TestWalletFactory) PackPredict(owner common.Address, salt [32]byte) []byte {
	enc, err := testWalletFactory.abi.Pack("predict", owner, salt)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPredict is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x64fb6f5e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function predict(address owner, bytes32 salt) view returns(address)
func (testWalletFactory *TestWalletFactory) TryPackPredict(owner common.Address, salt [32]byte) ([]byte, error) {
	return testWalletFactory.abi.Pack("predict", owner, salt)
}

// UnpackPredict is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x64fb6f5e.
//
// Solidity: function predict(address owner, bytes32 salt) view returns(address)
func (testWalletFactory *TestWalletFactory) UnpackPredict(data []byte) (common.Address, error) {
	out, err := testWalletFactory.abi.Unpack("predict", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// TestWalletFactoryDeployed represents a Deployed event raised by the TestWalletFactory contract.
type TestWalletFactoryDeployed struct {
	Wallet common.Address
	Owner  common.Address
	Salt   [32]byte
	Raw    *types.Log // Blockchain specific contextual infos
}

const TestWalletFactoryDeployedEventName = "Deployed"

// ContractEventName returns the user-defined event name.
func (TestWalletFactoryDeployed) ContractEventName() string {
	return TestWalletFactoryDeployedEventName
}

// UnpackDeployedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Deployed(address indexed wallet, address indexed owner, bytes32 salt)
func (testWalletFactory *TestWalletFactory) UnpackDeployedEvent(log *types.Log) (*TestWalletFactoryDeployed, error) {
	event := "Deployed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testWalletFactory.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestWalletFactoryDeployed)
	if len(log.Data) > 0 {
		if err := testWalletFactory.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testWalletFactory.abi.Events[event].Inputs {
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
