// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Create2} from "@openzeppelin/contracts/utils/Create2.sol";
import {TestWallet} from "./TestWallet.sol";

/// @title TestWalletFactory
/// @notice For tests only: deploys TestWallets with CREATE2, so a test can
/// sign in with a counterfactual wallet (ERC-6492: the factory is this
/// contract, the factory calldata is deploy(owner, salt)).
contract TestWalletFactory {
    event Deployed(address indexed wallet, address indexed owner, bytes32 salt);

    /// @notice Deploys the TestWallet of `owner` and `salt`; reverts if it exists.
    function deploy(address owner, bytes32 salt) external returns (address wallet) {
        wallet = address(new TestWallet{salt: salt}(owner));
        emit Deployed(wallet, owner, salt);
    }

    /// @notice Returns the address deploy(owner, salt) deploys to.
    function predict(address owner, bytes32 salt) external view returns (address) {
        bytes32 initCodeHash = keccak256(abi.encodePacked(type(TestWallet).creationCode, abi.encode(owner)));
        return Create2.computeAddress(salt, initCodeHash);
    }
}
