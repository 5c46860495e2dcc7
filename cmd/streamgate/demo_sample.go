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

// demoSample makes, once, the signing key and the sample assets: a 30 s
// lavfi clip run once through the real transcoder into the local origin,
// gated by the pass, and published twice from that one encode: as
// demoAsset (edge delivery) and as demoCDNAsset (CDN delivery: encrypted
// HLS segments on the token-free path). A later run reuses them while the
// pass address is the same.
func demoSample(ctx context.Context, dir string, pass common.Address, seconds int, log *slog.Logger) error {
	if err := demoSigningKey(filepath.Join(dir, "keys")); err != nil {
		return err
	}
	originDir := filepath.Join(dir, "origin")
	// The label names the pass if the chain's name() cannot be read.
	policy := fmt.Sprintf(`{"any":[{"chain_id":1337,"contract":"%s","standard":"erc721","label":"StreamGate Demo Pass"}]}`, strings.ToLower(pass.Hex()))
	if samplePublished(originDir, demoAsset, asset.DeliveryEdge, policy) && samplePublished(originDir, demoCDNAsset, asset.DeliveryCDN, policy) {
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
	log.Info("transcoding the sample (720p/480p/360p CMAF, HLS + DASH), published for edge and CDN delivery")
	// Teasers: the page shows the samples' poster before sign-in.
	return transcoder.TranscodeFileAs(ctx, cfg, src, nil,
		transcoder.Spec{Asset: demoAsset, Title: "Sample (test pattern and tone)", Policy: json.RawMessage(policy), Teaser: true},
		transcoder.Spec{Asset: demoCDNAsset, Title: "Sample, CDN delivery (encrypted segments, rotating keys)", Policy: json.RawMessage(policy),
			Delivery: asset.DeliveryCDN, Teaser: true})
}

// samplePublished reports whether asset id exists with this delivery and
// policy, as a teaser (a sample from an older release is made again).
func samplePublished(originDir, id, delivery, policy string) bool {
	raw, err := os.ReadFile(filepath.Join(originDir, id, asset.ManifestName))
	if err != nil {
		return false
	}
	a, err := asset.Parse(id, raw)
	if err != nil || (a.CDN() != (delivery == asset.DeliveryCDN)) {
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
