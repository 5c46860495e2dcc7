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
	Bin: "0x6080604052348015600e575f5ffd5b50610d408061001c5f395ff3fe608060405234801561000f575f5ffd5b5060043610610034575f3560e01c806332c02a141461003857806364fb6f5e14610067575b5f5ffd5b61004b6100463660046101dd565b61007a565b6040516001600160a01b03909116815260200160405180910390f35b61004b6100753660046101dd565b61010c565b5f8183604051610089906101d0565b6001600160a01b0390911681526020018190604051809103905ff59050801580156100b6573d5f5f3e3d5ffd5b509050826001600160a01b0316816001600160a01b03167f8a667a762c6b11836243ef58bb98850c7a4210d0226eb030bb2e03e3b7cc01e3846040516100fe91815260200190565b60405180910390a392915050565b5f5f6040518060200161011e906101d0565b601f1982820381018352601f9091011660408181526001600160a01b03871660208301520160408051601f19818403018152908290526101619291602001610229565b604051602081830303815290604052805190602001209050610183838261018b565b949350505050565b5f61019783833061019e565b9392505050565b5f604051836040820152846020820152828152600b8101905060ff8153605590206001600160a01b0316949350505050565b610af68061023e83390190565b5f5f604083850312156101ee575f5ffd5b82356001600160a01b0381168114610204575f5ffd5b946020939093013593505050565b5f81518060208401855e5f93019283525090919050565b5f6101836102378386610212565b8461021256fe6080604052604051610af6380380610af68339810160408190526020916043565b5f80546001600160a01b0319166001600160a01b0392909216919091179055606e565b5f602082840312156052575f5ffd5b81516001600160a01b03811681146067575f5ffd5b9392505050565b610a7b8061007b5f395ff3fe6080604052600436106100dc575f3560e01c8063540ee9111161007c578063b61d27f611610057578063b61d27f614610254578063bc197c8114610280578063d7f25eff146102ab578063f23a6e61146102bf575f5ffd5b8063540ee911146101f65780638cfa51db1461020a5780638da5cb5b1461021e575f5ffd5b80631626ba7e116100b75780631626ba7e1461018457806321175b4a146101a357806325241584146101c4578063295a5212146101d7575f5ffd5b806301ffc9a7146100e7578063149538211461011b578063150b7a0214610141575f5ffd5b366100e357005b5f5ffd5b3480156100f2575f5ffd5b50610106610101366004610643565b6102ea565b60405190151581526020015b60405180910390f35b348015610126575f5ffd5b5061012f600381565b60405160ff9091168152602001610112565b34801561014c575f5ffd5b5061016b61015b366004610736565b630a85bd0160e11b949350505050565b6040516001600160e01b03199091168152602001610112565b34801561018f575f5ffd5b5061016b61019e3660046107df565b610320565b3480156101ae575f5ffd5b506101c26101bd366004610827565b610400565b005b3480156101cf575f5ffd5b5061012f5f81565b3480156101e2575f5ffd5b505f5461012f90600160a01b900460ff1681565b348015610201575f5ffd5b5061012f600181565b348015610215575f5ffd5b5061012f600481565b348015610229575f5ffd5b505f5461023c906001600160a01b031681565b6040516001600160a01b039091168152602001610112565b34801561025f575f5ffd5b5061027361026e366004610847565b61047a565b604051610112919061089d565b34801561028b575f5ffd5b5061016b61029a366004610948565b63bc197c8160e01b95945050505050565b3480156102b6575f5ffd5b5061012f600281565b3480156102ca575f5ffd5b5061016b6102d93660046109f7565b63f23a6e6160e01b95945050505050565b5f6001600160e01b03198216630271189760e51b148061031a57506301ffc9a760e01b6001600160e01b03198316145b92915050565b5f8054600160a01b900460ff165f19810161034e576040516370cd9f3560e11b815260040160405180910390fd5b60011960ff82160161036a575063deadbeef60e01b90506103f9565b60021960ff82160161038557630b135d3f60e11b5f5260045ff35b60031960ff82160161039357005b5f5f6103a0878787610534565b5090925090505f8160038111156103b9576103b9610a4b565b1480156103d257505f546001600160a01b038381169116145b156103ea5750630b135d3f60e11b92506103f9915050565b506001600160e01b0319925050505b9392505050565b5f546001600160a01b0316331461043157604051637cef551760e11b81523360048201526024015b60405180910390fd5b600460ff8216111561045b57604051635113afe960e11b815260ff82166004820152602401610428565b5f805460ff909216600160a01b0260ff60a01b19909216919091179055565b5f546060906001600160a01b031633146104a957604051637cef551760e11b8152336004820152602401610428565b5f5f866001600160a01b03168686866040516104c6929190610a5f565b5f6040518083038185875af1925050503d805f8114610500576040519150601f19603f3d011682016040523d82523d5f602084013e610505565b606091505b50915091508161052a5780604051632a6cfaa960e21b8152600401610428919061089d565b9695505050505050565b5f80806041849003610568578435602086013560408701355f1a61055a8982858561057b565b955095509550505050610572565b505f915060029050825b93509350939050565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08411156105b457505f91506003905082610639565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa158015610605573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b03811661063057505f925060019150829050610639565b92505f91508190505b9450945094915050565b5f60208284031215610653575f5ffd5b81356001600160e01b0319811681146103f9575f5ffd5b80356001600160a01b0381168114610680575f5ffd5b919050565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f1916810167ffffffffffffffff811182821017156106c2576106c2610685565b604052919050565b5f82601f8301126106d9575f5ffd5b813567ffffffffffffffff8111156106f3576106f3610685565b610706601f8201601f1916602001610699565b81815284602083860101111561071a575f5ffd5b816020850160208301375f918101602001919091529392505050565b5f5f5f5f60808587031215610749575f5ffd5b6107528561066a565b93506107606020860161066a565b925060408501359150606085013567ffffffffffffffff811115610782575f5ffd5b61078e878288016106ca565b91505092959194509250565b5f5f83601f8401126107aa575f5ffd5b50813567ffffffffffffffff8111156107c1575f5ffd5b6020830191508360208285010111156107d8575f5ffd5b9250929050565b5f5f5f604084860312156107f1575f5ffd5b83359250602084013567ffffffffffffffff81111561080e575f5ffd5b61081a8682870161079a565b9497909650939450505050565b5f60208284031215610837575f5ffd5b813560ff811681146103f9575f5ffd5b5f5f5f5f6060858703121561085a575f5ffd5b6108638561066a565b935060208501359250604085013567ffffffffffffffff811115610885575f5ffd5b6108918782880161079a565b95989497509550505050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b5f82601f8301126108e1575f5ffd5b813567ffffffffffffffff8111156108fb576108fb610685565b8060051b61090b60208201610699565b91825260208185018101929081019086841115610926575f5ffd5b6020860192505b8383101561052a57823582526020928301929091019061092d565b5f5f5f5f5f60a0868803121561095c575f5ffd5b6109658661066a565b94506109736020870161066a565b9350604086013567ffffffffffffffff81111561098e575f5ffd5b61099a888289016108d2565b935050606086013567ffffffffffffffff8111156109b6575f5ffd5b6109c2888289016108d2565b925050608086013567ffffffffffffffff8111156109de575f5ffd5b6109ea888289016106ca565b9150509295509295909350565b5f5f5f5f5f60a08688031215610a0b575f5ffd5b610a148661066a565b9450610a226020870161066a565b93506040860135925060608601359150608086013567ffffffffffffffff8111156109de575f5ffd5b634e487b7160e01b5f52602160045260245ffd5b818382375f910190815291905056fea164736f6c6343000825000aa164736f6c6343000825000a",
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
