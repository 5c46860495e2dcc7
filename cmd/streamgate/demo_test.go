package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/internal/testenv"
)

// TestDemo runs `streamgate demo` (with a short sample) and checks what
// it promises: the facts file, the dev chain, the page, the gated asset.
// Its folders are given relative to a working directory that is neither the
// repository nor where ffmpeg runs, with a space in a name: `--dir REL` must
// work from anywhere.
func TestDemo(t *testing.T) {
	testenv.Bin(t, "ffmpeg")
	vendor, err := filepath.Abs(filepath.Join("..", "..", "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if err := os.Symlink(vendor, "npm modules"); err != nil {
		t.Fatal(err)
	}
	dir := "demo dir"
	o := demoOptions{dir: dir, vendor: "npm modules", listen: "127.0.0.1:" + testenv.FreePort(t), rpc: "127.0.0.1:" + testenv.FreePort(t), seconds: 4,
		playbackTTL: 40 * time.Second}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- demo(ctx, o, slog.New(slog.NewTextHandler(io.Discard, nil))) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("demo: %v", err)
		}
	}()
	base := "http://" + o.listen
	waitHTTP(t, base+"/healthz", done)
	var facts demoFacts
	raw, err := os.ReadFile(filepath.Join(dir, "demo.json"))
	if err != nil || json.Unmarshal(raw, &facts) != nil {
		t.Fatalf("demo.json: %s %v", raw, err)
	}
	if facts.EdgeURL != base || facts.ChainID != 1337 || facts.Asset != "sample" || facts.CDNAsset != "sample-cdn" ||
		!strings.HasPrefix(facts.ViewerKey, "0x") || !strings.HasPrefix(facts.DeployerKey, "0x") || facts.RPCURL == "" {
		t.Fatalf("facts %+v", facts)
	}
	demoPassAndTTL(t, base, facts)
	// One encode, two deliveries: the same renditions, each asset its own
	// version folder; the CDN one has its keys.
	var published [2]*asset.Asset
	for i, id := range []string{facts.Asset, facts.CDNAsset} {
		raw, err := os.ReadFile(filepath.Join(dir, "origin", id, asset.ManifestName))
		if err != nil {
			t.Fatal(err)
		}
		if published[i], err = asset.Parse(id, raw); err != nil {
			t.Fatal(err)
		}
	}
	if e, c := published[0], published[1]; e.CDN() || !c.CDN() || e.Version == c.Version || len(e.Renditions) != len(c.Renditions) {
		t.Fatalf("samples: %+v\n%+v", e, c)
	}
	if _, err := os.Stat(filepath.Join(dir, "origin", facts.CDNAsset, published[1].Version, asset.KeysName)); err != nil {
		t.Fatalf("CDN sample: %v", err)
	}
	for path, want := range map[string]string{"/": "<html", "/api/assets": `"sample-cdn"`, "/vendor/hls.min.js": "hls"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(strings.ToLower(string(body)), want) {
			t.Fatalf("%s: %d, want %q in %.300s", path, resp.StatusCode, want, body)
		}
	}
	// The sample is a teaser, its pass named on chain.
	poster, err := http.Get(base + "/teaser/sample/poster.jpg")
	if err != nil {
		t.Fatal(err)
	}
	poster.Body.Close()
	if poster.StatusCode != 200 || poster.Header.Get("Content-Type") != "image/jpeg" || poster.ContentLength < 100 {
		t.Errorf("the sample's teaser poster: %d %s, %d bytes", poster.StatusCode, poster.Header.Get("Content-Type"), poster.ContentLength)
	}
	var list []struct {
		Teaser   bool   `json:"teaser"`
		Poster   string `json:"poster"`
		Delivery string `json:"delivery"`
		Policy   struct {
			Any []struct {
				Collection string `json:"collection"`
				Label      string `json:"label"`
			} `json:"any"`
		} `json:"policy"`
	}
	resp, err := http.Get(base + "/api/assets")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil || len(list) != 2 {
		t.Fatalf("/api/assets: %+v %v", list, err)
	}
	for i, id := range []string{"sample", "sample-cdn"} {
		if a := list[i]; !a.Teaser || a.Poster != "/teaser/"+id+"/poster.jpg" || a.Delivery != []string{"edge", "cdn"}[i] || len(a.Policy.Any) != 1 ||
			a.Policy.Any[0].Collection != "StreamGate Demo Pass (SGPASS)" || a.Policy.Any[0].Label != "StreamGate Demo Pass" {
			t.Errorf("%s in /api/assets: %+v", id, a)
		}
	}
}

func waitHTTP(t *testing.T, url string, done <-chan error) {
	t.Helper()
	testenv.WaitFor(t, 3*time.Minute, func() error {
		select {
		case err := <-done:
			t.Fatalf("demo stopped: %v", err)
		default:
		}
		resp, err := http.Get(url)
		if err != nil {
			return fmt.Errorf("%s did not come up: %w", url, err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("%s did not come up: %d", url, resp.StatusCode)
		}
		return nil
	})
}

// demoPassAndTTL checks the facts a dApp developer needs against the chain
// and the signer: pass_token_id is the viewer's pass (ownerOf), a playback
// token lives --playback-ttl (facts.playback_ttl), and the deployer's
// refusal names the contract checksummed, as the banner prints it.
func demoPassAndTTL(t *testing.T, base string, facts demoFacts) {
	t.Helper()
	if facts.PlaybackTTL != "40s" || !common.IsHexAddress(facts.Contract) {
		t.Fatalf("facts: playback_ttl %q, contract %q", facts.PlaybackTTL, facts.Contract)
	}
	id, ok := new(big.Int).SetString(facts.PassTokenID, 10)
	if !ok {
		t.Fatalf("pass_token_id %q", facts.PassTokenID)
	}
	rpc, err := ethclient.Dial(facts.RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	defer rpc.Close()
	ap := bindings.NewAccessPass()
	contract := common.HexToAddress(facts.Contract)
	raw, err := rpc.CallContract(context.Background(), ethereum.CallMsg{To: &contract, Data: ap.PackOwnerOf(id)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if owner, err := ap.UnpackOwnerOf(raw); err != nil || owner.Hex() != facts.ViewerAddress {
		t.Fatalf("ownerOf(%s) = %s %v, want the viewer %s", id, owner, err, facts.ViewerAddress)
	}

	account := func(hexKey string) *testenv.Account {
		k, err := crypto.HexToECDSA(strings.TrimPrefix(hexKey, "0x"))
		if err != nil {
			t.Fatal(err)
		}
		return &testenv.Account{Key: k, Address: crypto.PubkeyToAddress(k.PublicKey)}
	}
	session, err := signInAt(base, account(facts.ViewerKey))
	if err != nil {
		t.Fatal(err)
	}
	var pb struct{ Token string }
	if err := callAt(base, "POST", "/playback/"+facts.Asset, session, nil, 200, &pb); err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(pb.Token, ".")
	var claims struct{ Iat, Exp int64 }
	if body, err := base64.RawURLEncoding.DecodeString(parts[min(1, len(parts)-1)]); err != nil || json.Unmarshal(body, &claims) != nil {
		t.Fatalf("playback token %q: %v", pb.Token, err)
	}
	if life := time.Duration(claims.Exp-claims.Iat) * time.Second; life != 40*time.Second {
		t.Errorf("playback token lives %s, want --playback-ttl 40s", life)
	}

	session, err = signInAt(base, account(facts.DeployerKey))
	if err != nil {
		t.Fatal(err)
	}
	var denied struct{ Error, Message string }
	if err := callAt(base, "POST", "/playback/"+facts.Asset, session, nil, 403, &denied); err != nil {
		t.Fatal(err)
	}
	if denied.Error != "policy_unmet" || !strings.Contains(denied.Message, facts.Contract) {
		t.Errorf("the deployer's refusal %+v does not name %s", denied, facts.Contract)
	}
}
