package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/signer/token"
	"github.com/streamgate/streamgate/transcoder"
)

// demoSample makes, once, the signing key and the sample asset: a 30 s lavfi
// clip run through the real transcoder into the local origin, gated by the
// pass. A later run reuses both while the pass address is the same.
func demoSample(ctx context.Context, dir string, pass common.Address, seconds int, log *slog.Logger) error {
	if err := demoSigningKey(filepath.Join(dir, "keys")); err != nil {
		return err
	}
	originDir := filepath.Join(dir, "origin")
	// The label names the pass if the chain's name() cannot be read.
	policy := fmt.Sprintf(`{"any":[{"chain_id":1337,"contract":"%s","standard":"erc721","label":"StreamGate Demo Pass"}]}`, strings.ToLower(pass.Hex()))
	if samplePublished(originDir, policy) {
		return nil
	}
	src := filepath.Join(dir, "sample-source.mp4")
	log.Info("making the sample video (ffmpeg lavfi)", "seconds", seconds)
	d := strconv.Itoa(seconds)
	out, err := exec.CommandContext(ctx, "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
		"-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration="+d,
		"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration="+d,
		"-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", src).CombinedOutput()
	if err != nil {
		return fmt.Errorf("making the sample with ffmpeg (run make deps?): %w: %s", err, out)
	}
	defer os.Remove(src)
	cfg := transcoder.DefaultConfig()
	cfg.Origin.Regions = []transcoder.RegionConfig{{Name: "local", Dir: originDir}}
	cfg.Transcode.Preset = "veryfast"
	if err := os.MkdirAll(originDir, 0o755); err != nil {
		return err
	}
	log.Info("transcoding the sample (720p/480p/360p CMAF, HLS + DASH)")
	// A teaser: the page shows the sample's poster before sign-in.
	spec := transcoder.Spec{Asset: demoAsset, Title: "Sample (test pattern and tone)", Policy: json.RawMessage(policy), Teaser: true}
	return transcoder.TranscodeFile(ctx, cfg, spec, src, nil)
}

// samplePublished reports whether the sample exists with this policy, as a
// teaser (a sample from an older release is made again).
func samplePublished(originDir, policy string) bool {
	raw, err := os.ReadFile(filepath.Join(originDir, demoAsset, asset.ManifestName))
	if err != nil {
		return false
	}
	a, err := asset.Parse(demoAsset, raw)
	if err != nil {
		return false
	}
	var compact bytes.Buffer
	return a.Teaser && json.Compact(&compact, a.RawPolicy) == nil && compact.String() == policy
}

// demoSigningKey writes a dev signing key and its JWKS once.
func demoSigningKey(dir string) error {
	pem := filepath.Join(dir, "signing.pem")
	if _, err := os.Stat(pem); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	key, err := token.GenerateKey()
	if err != nil {
		return err
	}
	issuer, err := token.NewIssuer("streamgate", key)
	if err != nil {
		return err
	}
	if err := token.WriteJWKSFile(filepath.Join(dir, "jwks.json"), issuer.JWKS()); err != nil {
		return err
	}
	return token.WritePrivateKeyFile(pem, key)
}
