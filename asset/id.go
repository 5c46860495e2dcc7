// Package asset is the asset format shared by every role: the asset-id
// grammar, asset.json and its cache, the streaming content-type table and
// (in asset/policy) the access policy. It is pure: it imports nothing of
// StreamGate's but its own subpackage, and reads storage only through the
// small Objects interface that origin's stores are adapted to.
package asset

// MaxIDLen is the longest asset id, in bytes.
const MaxIDLen = 64

// IDGrammar is the asset-id grammar of docs/protocol.md §1, for messages.
const IDGrammar = "[a-z0-9][a-z0-9_-]{0,63}"

// ValidID reports whether id matches IDGrammar: 1..64 bytes of lowercase
// ASCII letters, digits, '_' and '-', starting with a letter or digit. It
// takes bytes or a string and allocates nothing, so the edge checks the
// request URI in place with the same function the other roles use.
func ValidID[T string | []byte](id T) bool {
	if len(id) == 0 || len(id) > MaxIDLen || !lowerOrDigit(id[0]) {
		return false
	}
	for i := 1; i < len(id); i++ {
		if c := id[i]; !lowerOrDigit(c) && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func lowerOrDigit(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
