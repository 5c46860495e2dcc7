package bindings

// TestWallet modes, the values of TestWallet.Mode in TestWallet.sol, for
// PackSetMode: how isValidSignature answers.
const (
	TestWalletHonest      uint8 = iota // the magic value 0x1626ba7e for the owner's signature, else 0xffffffff
	TestWalletRevert                   // reverts with Reverted()
	TestWalletWrongMagic               // returns 0xdeadbeef, well encoded
	TestWalletShortReturn              // returns the 4 raw bytes 0x1626ba7e, not padded to 32 bytes
	TestWalletEmptyReturn              // returns no data
)
