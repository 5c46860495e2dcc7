package transcoder

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/bluenviron/gohlslib/v2/pkg/playlist"

	"github.com/streamgate/streamgate/asset"
)

// encryptCDN turns the clear package in dir (finishHLS done) into a
// CDN-delivery one (docs/protocol.md §4): every media segment an HLS media
// playlist lists is encrypted whole with AES-128-CBC and PKCS#7 padding
// (RFC 8216 §4.3.2.4) into aes/{name}; segment j of every rendition uses
// key j/keyPeriod, and each segment its own random IV, written in its
// EXT-X-KEY. The media playlists are rewritten: EXT-X-MAP keeps the clear
// init segment (relative), each segment's URI becomes the token-free
// /c/{id}/{version}/aes/{name} and its key URI keys/{period}.key, relative,
// so it resolves under the gated path. The clear segments stay for DASH.
// keys.json gets the schedule. It returns the number of key periods.
func encryptCDN(dir, id, version string, keyPeriod int) (int, error) {
	names, err := filepath.Glob(filepath.Join(dir, "media_*.m3u8"))
	if err != nil {
		return 0, err
	}
	if len(names) == 0 {
		return 0, badOutput("no media playlists to encrypt")
	}
	if err := os.MkdirAll(filepath.Join(dir, asset.CipherDir), 0o755); err != nil {
		return 0, err
	}
	var keys [][]byte
	for _, path := range names {
		data, err := os.ReadFile(path)
		if err != nil {
			return 0, err
		}
		var m playlist.Media
		if err := m.Unmarshal(data); err != nil {
			return 0, badOutput("%s: %v", filepath.Base(path), err)
		}
		for j, s := range m.Segments {
			p := j / keyPeriod
			for len(keys) <= p {
				keys = append(keys, randomBytes(16))
			}
			iv := randomBytes(aes.BlockSize)
			if err := encryptFile(filepath.Join(dir, s.URI), filepath.Join(dir, asset.CipherDir, s.URI), keys[p], iv); err != nil {
				return 0, err
			}
			s.Key = &playlist.MediaKey{Method: playlist.MediaKeyMethodAES128, URI: keyURI(p), IV: "0x" + hex.EncodeToString(iv)}
			s.URI = "/c/" + id + "/" + version + "/" + asset.CipherDir + "/" + s.URI
		}
		if data, err = m.Marshal(); err != nil {
			return 0, fmt.Errorf("rewriting %s: %w", filepath.Base(path), err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return 0, err
		}
	}
	ks := asset.KeySchedule{KeyPeriod: keyPeriod}
	for _, k := range keys {
		ks.Keys = append(ks.Keys, hex.EncodeToString(k))
	}
	data, err := json.Marshal(ks)
	if err != nil {
		return 0, err
	}
	return len(keys), os.WriteFile(filepath.Join(dir, asset.KeysName), append(data, '\n'), 0o600)
}

// keyURI is period p's EXT-X-KEY URI, relative to the media playlist.
func keyURI(p int) string { return "keys/" + strconv.Itoa(p) + ".key" }

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return b
}

// encryptFile writes src encrypted whole to dst: AES-128-CBC with key and
// iv over src and its PKCS#7 padding (1..16 bytes, RFC 8216 §4.3.2.4).
func encryptFile(src, dst string, key, iv []byte) error {
	plain, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("ffmpeg output: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return err
	}
	pad := aes.BlockSize - len(plain)%aes.BlockSize
	buf := make([]byte, len(plain)+pad)
	copy(buf, plain)
	for i := len(plain); i < len(buf); i++ {
		buf[i] = byte(pad)
	}
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(buf, buf)
	return os.WriteFile(dst, buf, 0o644)
}
