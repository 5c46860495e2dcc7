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
/// wallet can move the passes it holds.
contract TestWallet is IERC1271, ERC721Holder, ERC1155Holder {
    /// @notice Mode: the honest wallet (the default).
    uint8 public constant MODE_HONEST = 0;
    /// @notice Mode: isValidSignature reverts with TestWalletReverted().
    uint8 public constant MODE_REVERT = 1;
    /// @notice Mode: isValidSignature returns 0xdeadbeef, well encoded.
    uint8 public constant MODE_WRONG_MAGIC = 2;
    /// @notice Mode: isValidSignature returns the 4 raw bytes 0x1626ba7e,
    /// not ABI-encoded to 32 bytes: garbage a strict decoder must reject.
    uint8 public constant MODE_SHORT_RETURN = 3;
    /// @notice Mode: isValidSignature returns no data.
    uint8 public constant MODE_EMPTY_RETURN = 4;

    bytes4 private constant _MAGIC = 0x1626ba7e; // IERC1271.isValidSignature.selector
    bytes4 private constant _INVALID = 0xffffffff;

    /// @notice The key whose signatures this wallet accepts.
    address public owner;
    /// @notice One of the MODE_ constants.
    uint8 public mode;

    error TestWalletNotOwner(address caller);
    error TestWalletUnknownMode(uint8 mode);
    error TestWalletReverted();
    error TestWalletCallFailed(bytes returnData);

    constructor(address owner_) payable {
        owner = owner_;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert TestWalletNotOwner(msg.sender);
        _;
    }

    receive() external payable {}

    /// @notice Switches isValidSignature's behaviour; see the MODE_ constants.
    function setMode(uint8 mode_) external onlyOwner {
        if (mode_ > MODE_EMPTY_RETURN) revert TestWalletUnknownMode(mode_);
        mode = mode_;
    }

    /// @notice Calls `target` with `data` and `value` from the wallet, and
    /// reverts with TestWalletCallFailed if that call fails.
    function execute(address target, uint256 value, bytes calldata data) external onlyOwner returns (bytes memory) {
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) revert TestWalletCallFailed(ret);
        return ret;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        uint8 m = mode;
        if (m == MODE_REVERT) revert TestWalletReverted();
        if (m == MODE_WRONG_MAGIC) return 0xdeadbeef;
        if (m == MODE_SHORT_RETURN) {
            assembly ("memory-safe") {
                mstore(0, shl(224, 0x1626ba7e))
                return(0, 4)
            }
        }
        if (m == MODE_EMPTY_RETURN) {
            assembly ("memory-safe") {
                return(0, 0)
            }
        }
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(hash, signature);
        if (err == ECDSA.RecoverError.NoError && signer == owner) return _MAGIC;
        return _INVALID;
    }
}
