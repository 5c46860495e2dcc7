// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Burnable} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Burnable.sol";
import {ERC721Consecutive} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Consecutive.sol";

/// @title BatchPass
/// @notice A test ERC-721 pass minted in bulk: the constructor mints
/// consecutive batches (OpenZeppelin ERC721Consecutive, one ERC-2309
/// ConsecutiveTransfer event per batch, no Transfer events), and afterwards the
/// owner mints one token to each of many addresses with mintMany (one Transfer
/// event per token). Ids start at 1. Holders transfer and burn.
contract BatchPass is ERC721Consecutive, ERC721Burnable, Ownable {
    // Next id mintMany assigns: the first id after the constructor's batches.
    uint256 private _nextId;

    /// @param batchTo recipient of each constructor batch
    /// @param batchSizes size of each batch (1..5000, ERC721Consecutive's
    /// limit); same length as batchTo. Batch i gets the next batchSizes[i] ids.
    constructor(
        string memory name_,
        string memory symbol_,
        address initialOwner,
        address[] memory batchTo,
        uint96[] memory batchSizes
    ) ERC721(name_, symbol_) Ownable(initialOwner) {
        require(batchTo.length == batchSizes.length, "BatchPass: length mismatch");
        uint256 next = _firstConsecutiveId();
        for (uint256 i = 0; i < batchTo.length; ++i) {
            next = _mintConsecutive(batchTo[i], batchSizes[i]) + uint256(batchSizes[i]);
        }
        _nextId = next;
    }

    /// @notice Mints one new token to each address of `to`, with consecutive
    /// ids from the next free one, and returns the first id. Uses _mint, not
    /// _safeMint: no onERC721Received call, so a batch cannot be reverted by a
    /// recipient.
    function mintMany(address[] calldata to) external onlyOwner returns (uint256 first) {
        first = _nextId;
        for (uint256 i = 0; i < to.length; ++i) {
            _mint(to[i], first + i);
        }
        _nextId = first + to.length;
    }

    function _firstConsecutiveId() internal pure override returns (uint96) {
        return 1;
    }

    function _ownerOf(uint256 tokenId) internal view override(ERC721, ERC721Consecutive) returns (address) {
        return super._ownerOf(tokenId);
    }

    function _update(address to, uint256 tokenId, address auth)
        internal
        override(ERC721, ERC721Consecutive)
        returns (address)
    {
        return super._update(to, tokenId, auth);
    }
}
