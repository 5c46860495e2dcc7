// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";

/// @title SigCheck6492
/// @notice Checks an ERC-6492 signature of a smart wallet that may not be
/// deployed yet. It is never deployed: the signer runs its creation code in an
/// eth_call without a `to` ("deployless"), so the wallet's deployment happens
/// only inside that call. The constructor returns one byte, 0x01 when the
/// wallet's isValidSignature accepts `sig` for `hash`, 0x00 otherwise.
contract SigCheck6492 {
    bytes4 private constant MAGIC = 0x1626ba7e;

    constructor(address wallet, bytes32 hash, bytes memory sig, address factory, bytes memory factoryCalldata) {
        if (wallet.code.length == 0) {
            // A failed deployment leaves no code: the check below then fails.
            (bool deployed,) = factory.call(factoryCalldata);
            deployed;
        }
        bool valid = false;
        if (wallet.code.length > 0) {
            (bool ok, bytes memory ret) = wallet.staticcall(abi.encodeCall(IERC1271.isValidSignature, (hash, sig)));
            valid = ok && ret.length >= 32 && abi.decode(ret, (bytes4)) == MAGIC;
        }
        assembly {
            mstore(0, valid)
            return(31, 1)
        }
    }
}
