// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {ERC1155Burnable} from "@openzeppelin/contracts/token/ERC1155/extensions/ERC1155Burnable.sol";

/// @title MultiPass
/// @notice An ERC-1155 collection of passes, one id per tier or season. The
/// contract owner mints; holders transfer or burn. StreamGate grants access
/// when balanceOf(wallet, id) reaches the policy's minimum.
contract MultiPass is ERC1155Burnable, Ownable {
    /// @param uri_ the ERC-1155 metadata URI, with {id} substituted by clients.
    constructor(string memory uri_, address initialOwner) ERC1155(uri_) Ownable(initialOwner) {}

    /// @notice Mints `amount` of pass `id` to `to`. Reverts if `to` is a
    /// contract that does not accept ERC-1155 tokens.
    function mint(address to, uint256 id, uint256 amount) external onlyOwner {
        _mint(to, id, amount, "");
    }

    /// @notice Mints amounts[i] of passes ids[i] to `to`, in one transfer event.
    function mintBatch(address to, uint256[] calldata ids, uint256[] calldata amounts) external onlyOwner {
        _mintBatch(to, ids, amounts, "");
    }

    /// @notice Replaces the metadata URI of every id.
    function setURI(string calldata uri_) external onlyOwner {
        _setURI(uri_);
    }
}
