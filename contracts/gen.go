// Package contracts holds StreamGate's Solidity sources, their build
// artifacts (build/*.abi, build/*.bin) and the abigen v2 Go bindings generated
// from them (package bindings). All three are committed; stale_test.go fails
// when the artifacts or bindings differ from what the sources produce.
// See README.md.
package contracts

// Regenerate with `make gen`, or `go generate ./contracts/...` once `make deps`
// has installed node_modules and bin/abigen. Keep one abigen line per artifact:
// stale_test.go runs the same lines.

//go:generate node build.mjs
//go:generate ../bin/abigen --v2 --abi build/AccessPass.abi --bin build/AccessPass.bin --pkg bindings --type AccessPass --out bindings/accesspass.go
//go:generate ../bin/abigen --v2 --abi build/MultiPass.abi --bin build/MultiPass.bin --pkg bindings --type MultiPass --out bindings/multipass.go
//go:generate ../bin/abigen --v2 --abi build/TestToken.abi --bin build/TestToken.bin --pkg bindings --type TestToken --out bindings/testtoken.go
//go:generate ../bin/abigen --v2 --abi build/TestWallet.abi --bin build/TestWallet.bin --pkg bindings --type TestWallet --out bindings/testwallet.go
//go:generate ../bin/abigen --v2 --abi build/TestWalletFactory.abi --bin build/TestWalletFactory.bin --pkg bindings --type TestWalletFactory --out bindings/testwalletfactory.go
//go:generate ../bin/abigen --v2 --abi build/IERC20.abi --pkg bindings --type IERC20 --out bindings/ierc20.go
//go:generate ../bin/abigen --v2 --abi build/IERC721.abi --pkg bindings --type IERC721 --out bindings/ierc721.go
//go:generate ../bin/abigen --v2 --abi build/IERC1155.abi --pkg bindings --type IERC1155 --out bindings/ierc1155.go
//go:generate ../bin/abigen --v2 --abi build/IERC1271.abi --pkg bindings --type IERC1271 --out bindings/ierc1271.go
//go:generate ../bin/abigen --v2 --abi build/SigCheck6492.abi --bin build/SigCheck6492.bin --pkg bindings --type SigCheck6492 --out bindings/sigcheck6492.go
//go:generate ../bin/abigen --v2 --abi build/Multicall3.abi --bin build/Multicall3.bin --pkg bindings --type Multicall3 --out bindings/multicall3.go
//go:generate ../bin/abigen --v2 --abi build/BatchPass.abi --bin build/BatchPass.bin --pkg bindings --type BatchPass --out bindings/batchpass.go
