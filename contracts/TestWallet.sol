// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {ERC721Holder} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Holder.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title TestWallet
/// @notice For tests only: a minimal EIP-1271 contract wallet, like a Safe with
/// one owner key. isValidSignature(hash, sig) accepts a 65-byte signature of
/// `hash` itself (no prefix added) by the owner key. The owner can switch the
/// wallet into a misbehaving mode for negative tests, and execute calls so the
/// wallet can move the passes it holds (it accepts ERC-721 and ERC-1155).
contract TestWallet is IERC1271, ERC721Holder, ERC1155Holder {
    /// @notice How isValidSignature behaves; setMode takes the number.
    enum Mode {
        Honest, // 0: the magic value for the owner's signature, else 0xffffffff
        Revert, // 1: reverts with Reverted()
        WrongMagic, // 2: returns 0xdeadbeef, well encoded
        ShortReturn, // 3: returns the 4 raw bytes 0x1626ba7e, not padded to 32: garbage
        EmptyReturn // 4: returns no data
    }

    bytes4 private constant _MAGIC = 0x1626ba7e; // IERC1271.isValidSignature.selector
    bytes4 private constant _INVALID = 0xffffffff;

    /// @notice The key whose signatures this wallet accepts.
    address public owner;
    /// @notice The current Mode.
    Mode public mode;

    error NotOwner(address caller);
    error Reverted();
    error CallFailed(bytes returnData);

    constructor(address owner_) payable {
        owner = owner_;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    receive() external payable {}

    /// @notice Switches isValidSignature's behaviour; reverts on an unknown mode.
    function setMode(Mode mode_) external onlyOwner {
        mode = mode_;
    }

    /// @notice Calls `target` with `data` and `value` from the wallet; reverts
    /// with CallFailed if that call fails.
    function execute(address target, uint256 value, bytes calldata data) external onlyOwner returns (bytes memory) {
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) revert CallFailed(ret);
        return ret;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        Mode m = mode;
        if (m == Mode.Revert) revert Reverted();
        if (m == Mode.WrongMagic) return 0xdeadbeef;
        if (m == Mode.ShortReturn) {
            assembly ("memory-safe") {
                mstore(0, shl(224, 0x1626ba7e))
                return(0, 4)
            }
        }
        if (m == Mode.EmptyReturn) {
            assembly ("memory-safe") {
                return(0, 0)
            }
        }
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(hash, signature);
        if (err == ECDSA.RecoverError.NoError && signer == owner) return _MAGIC;
        return _INVALID;
    }
}
