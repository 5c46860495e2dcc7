// Package sdk holds the player SDK, @streamgate/player, so that the edge
// serves the same file the npm package ships, at /sdk/v1/streamgate.js.
package sdk

import _ "embed"

// Version is the SDK's version; package.json's "version" must equal it
// (sdk_test.go checks).
const Version = "1.0.0"

// JS is streamgate.js, a dependency-free ES module.
//
//go:embed streamgate.js
var JS []byte
