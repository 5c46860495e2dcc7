// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Burnable} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Burnable.sol";

/// @title AccessPass
/// @notice An ERC-721 pass that unlocks a creator's streams. The contract owner
/// mints; holders transfer or burn their passes. StreamGate grants access when
/// balanceOf(wallet) >= 1, or when ownerOf(id) is the wallet for listed ids.
contract AccessPass is ERC721Burnable, Ownable {
    // Next id that mint(to) tries; ids start at 1 so that 0 never names a pass.
    uint256 private _nextId = 1;
    string private _baseTokenURI;

    constructor(string memory name_, string memory symbol_, address initialOwner)
        ERC721(name_, symbol_)
        Ownable(initialOwner)
    {}

    /// @notice Mints the lowest free id above every id this function has
    /// minted before to `to`, and returns it (read it from the Transfer event).
    /// Reverts if `to` is a contract that does not accept ERC-721 tokens.
    function mint(address to) external onlyOwner returns (uint256 id) {
        id = _nextId;
        while (_ownerOf(id) != address(0)) {
            ++id;
        }
        _nextId = id + 1;
        _safeMint(to, id);
    }

    /// @notice Mints pass `id` to `to`; reverts if `id` exists. (Not an
    /// overload of mint: overloads get numbered names in Go and need full
    /// signatures in ethers.)
    function mintId(address to, uint256 id) external onlyOwner {
        _safeMint(to, id);
    }

    /// @notice Sets the prefix of tokenURI(id), which is baseURI followed by id.
    function setBaseURI(string calldata baseURI) external onlyOwner {
        _baseTokenURI = baseURI;
    }

    function _baseURI() internal view override returns (string memory) {
        return _baseTokenURI;
    }
}
