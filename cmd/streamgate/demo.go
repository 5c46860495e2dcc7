package main

import (
	"cmp"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/streamgate/streamgate/contracts/indexer"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/internal/cors"
	"github.com/streamgate/streamgate/internal/devchain"
	"github.com/streamgate/streamgate/signer"
	"github.com/streamgate/streamgate/transcoder"
)

// demoFacts is .streamgate/demo.json: what a person or a test needs to use
// the demo. The keys are dev-only keys made for this machine.
type demoFacts struct {
	EdgeURL  string `json:"edge_url"`
	RPCURL   string `json:"rpc_url"`
	ChainID  int64  `json:"chain_id"`
	Contract string `json:"contract"`
	// PassTokenID is the id of the viewer's pass on Contract (decimal).
	PassTokenID string `json:"pass_token_id"`
	// PlaybackTTL is a playback token's lifetime (--playback-ttl), e.g. "4h0m0s".
	PlaybackTTL string `json:"playback_ttl"`
	Asset       string `json:"asset"`
	// CDNAsset is the same sample with CDN delivery (docs/protocol.md §4).
	CDNAsset      string `json:"cdn_asset"`
	ViewerAddress string `json:"viewer_address"`
	ViewerKey     string `json:"viewer_key"`
	// DeployerAddress holds no pass: sign in with it to see a refusal.
	DeployerAddress string `json:"deployer_address"`
	DeployerKey     string `json:"deployer_key"`
	// SignInDomains are the EIP-4361 domains the demo's signer accepts.
	SignInDomains []string `json:"sign_in_domains"`
	// DAppOrigins are the --dapp-origin pages that may sign in and call the
	// signer (CORS) besides the watch page.
	DAppOrigins []string `json:"dapp_origins,omitempty"`
}

// The demo's samples: one encode, published with each delivery.
const (
	demoAsset    = "sample"
	demoCDNAsset = "sample-cdn"
)

func runDemo(args []string, log *slog.Logger) error {
	o, help, err := parseDemo(args)
	if help || err != nil {
		return err
	}
	if err := demoEnv(log); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return demo(ctx, o, log)
}

// parseDemo reads `streamgate demo`'s flags; help reports -h.
func parseDemo(args []string) (o demoOptions, help bool, err error) {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	def := signer.DefaultConfig()
	fs.StringVar(&o.dir, "dir", ".streamgate", "folder for the demo's keys, origin and facts (reused by the next run)")
	fs.StringVar(&o.listen, "listen", "127.0.0.1:8080", "edge address (the watch page)")
	fs.StringVar(&o.rpc, "rpc", "127.0.0.1:8545", "dev chain JSON-RPC address")
	fs.IntVar(&o.seconds, "sample-seconds", 30, "length of the sample video")
	fs.StringVar(&o.vendor, "vendor-dir", "node_modules", "npm install folder whose hls.js and ethers builds the watch page loads")
	fs.Func("dapp-origin", "origin `URL` of a dApp on another port or host, e.g. http://localhost:5173 (repeatable or comma list): it may sign in and call the signer", o.addDApps)
	fs.DurationVar(&o.playbackTTL, "playback-ttl", def.PlaybackTTL, "playback token lifetime (the signer's playback_ttl), e.g. 40s to watch renewal")
	fs.DurationVar(&o.sessionTTL, "session-ttl", def.SessionTTL, "session token lifetime (the signer's session_ttl)")
	if help, err := parseFlags(fs, args); help || err != nil {
		return o, help, err
	}
	switch {
	case o.playbackTTL <= 0:
		return o, false, fmt.Errorf("--playback-ttl: want > 0, got %s", o.playbackTTL)
	case o.sessionTTL <= 0:
		return o, false, fmt.Errorf("--session-ttl: want > 0, got %s", o.sessionTTL)
	}
	return o, false, nil
}

// demoEnvFlags maps the config variables whose setting the demo takes as a
// flag to that flag.
var demoEnvFlags = map[string]string{
	"SIGNER_PLAYBACK_TTL":  "--playback-ttl",
	"SIGNER_SESSION_TTL":   "--session-ttl",
	"SIGNER_DOMAINS":       "--dapp-origin",
	"SIGNER_URIS":          "--dapp-origin",
	"EDGE_LISTEN":          "--listen",
	"EDGE_PAGE_VENDOR_DIR": "--vendor-dir",
}

// demoService is a service the demo runs on a built-in config: its env
// prefix, a config its loader fills and its allow-list (conf.AllowEnv).
type demoService struct {
	prefix string
	cfg    any
	allow  []string
}

func demoEnvServices() []demoService {
	e, s, i, t := defaultEdgeConfig(), signer.DefaultConfig(), indexer.DefaultServiceConfig(), transcoder.DefaultConfig()
	return []demoService{{"EDGE", &e, nil}, {"SIGNER", &s, signer.EnvAllowList}, {"INDEXER", &i, nil}, {"TRANSCODER", &t, nil}}
}

// demoEnv refuses the EDGE_, SIGNER_, INDEXER_ and TRANSCODER_ variables
// set in the environment: the demo loads no config, so each would be
// ignored (README: a prefixed variable that sets nothing is an error). The
// error names each with its key and the demo flag for it, or the closest
// valid name for a typo. A variable on a service's allow-list (read outside
// the loader, e.g. SIGNER_KEYS_PEM) sets no key and is not refused, as for
// the service; the demo does not read it either, which is logged.
func demoEnv(log *slog.Logger) error {
	var bad []string
	for _, svc := range demoEnvServices() {
		for _, v := range conf.SetEnv(svc.prefix, svc.cfg, conf.AllowEnv(svc.allow...)) {
			var msg string
			switch {
			case v.Allowed:
				log.Warn("the demo signs with its own dev key and does not read this variable", "variable", v.Name)
				continue
			case v.Key != "" && demoEnvFlags[v.Name] != "":
				msg = fmt.Sprintf("%s (%s): pass %s instead", v.Name, v.Key, demoEnvFlags[v.Name])
			case v.Key != "":
				msg = fmt.Sprintf("%s (%s): no demo flag sets it; run the services with a config to change it", v.Name, v.Key)
			case v.Suggest != "" && demoEnvFlags[v.Suggest] != "":
				msg = fmt.Sprintf("%s: no such key; did you mean %s? (pass %s)", v.Name, v.Suggest, demoEnvFlags[v.Suggest])
			case v.Suggest != "":
				msg = fmt.Sprintf("%s: no such key; did you mean %s?", v.Name, v.Suggest)
			default:
				msg = v.Name + ": no such key"
			}
			bad = append(bad, msg)
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("the demo reads no config variables and would ignore: %s; unset them", strings.Join(bad, "; "))
	}
	return nil
}

type demoOptions struct {
	dir, listen, rpc string
	vendor           string // "" = node_modules
	seconds          int
	dapps            []string      // --dapp-origin, normalized origins
	playbackTTL      time.Duration // 0 = the signer's default
	sessionTTL       time.Duration // 0 = the signer's default
}

// addDApps adds a --dapp-origin value: one origin or a comma list.
func (o *demoOptions) addDApps(v string) error {
	for d := range strings.SplitSeq(v, ",") {
		n, err := cors.Origin(strings.TrimSpace(d))
		if err != nil {
			return err
		}
		o.dapps = append(o.dapps, n)
	}
	return nil
}

// demo brings everything up and serves until ctx ends. Relative o.dir and
// o.vendor are taken against the working directory once, here: every path
// derived from them goes to ffmpeg (which runs in another folder) or into a
// config.
func demo(ctx context.Context, o demoOptions, log *slog.Logger) error {
	if o.vendor == "" {
		o.vendor = "node_modules"
	}
	def := signer.DefaultConfig()
	o.playbackTTL, o.sessionTTL = cmp.Or(o.playbackTTL, def.PlaybackTTL), cmp.Or(o.sessionTTL, def.SessionTTL)
	for _, p := range []*string{&o.dir, &o.vendor} {
		abs, err := filepath.Abs(*p)
		if err != nil {
			return err
		}
		*p = abs
	}
	if _, err := os.Stat(filepath.Join(o.vendor, "hls.js")); err != nil {
		log.Warn("the watch page cannot load hls.js: run from the repository after make deps, or pass --vendor-dir", "vendor_dir", o.vendor)
	}
	facts, viewer, deployer, err := demoKeys(o.dir)
	if err != nil {
		return err
	}
	chain, err := devchain.Start(o.rpc, map[common.Address]*big.Int{
		crypto.PubkeyToAddress(viewer.PublicKey):   ether(100),
		crypto.PubkeyToAddress(deployer.PublicKey): ether(100),
	})
	if err != nil {
		return fmt.Errorf("dev chain on %s: %w", o.rpc, err)
	}
	defer chain.Close()
	pass, passID, err := deployPass(ctx, chain, deployer, crypto.PubkeyToAddress(viewer.PublicKey))
	if err != nil {
		return err
	}
	if err := demoSample(ctx, o.dir, pass, o.seconds, log); err != nil {
		return err
	}
	facts.EdgeURL, facts.RPCURL, facts.ChainID, facts.Contract = "http://"+o.listen, chain.RPCURL, devchain.ID, pass.Hex()
	facts.PassTokenID, facts.PlaybackTTL = passID.String(), o.playbackTTL.String()
	facts.Asset, facts.CDNAsset = demoAsset, demoCDNAsset
	facts.DeployerAddress = crypto.PubkeyToAddress(deployer.PublicKey).Hex()
	facts.SignInDomains, facts.DAppOrigins = demoDomains(o.listen, o.dapps), o.dapps
	if err := writeFacts(o.dir, facts); err != nil {
		return err
	}
	return serveDemo(ctx, o, chain.RPCURL, log)
}

// demoDomains are the EIP-4361 domains a page on the demo's listen address
// sends: the address as given and, for a browser, localhost on its port;
// then each dApp origin's host[:port].
func demoDomains(listen string, dapps []string) []string {
	_, port, _ := splitPort(listen)
	out := []string{listen, "localhost:" + port}
	for _, d := range dapps {
		_, host, _ := strings.Cut(d, "://") // an origin: no path
		out = append(out, host)
	}
	return out
}

// demoSigner is the demo's signer config: the watch page's domains with
// URIs http://<domain>, and each dApp's host with its origin as URI, so
// that the signer signs in (and answers CORS for) exactly those pages.
func demoSigner(dir, listen string, dapps []string) signer.Config {
	scfg := signer.DefaultConfig()
	scfg.Domains = demoDomains(listen, dapps)
	scfg.URIs = nil
	for _, d := range demoDomains(listen, nil) {
		scfg.URIs = append(scfg.URIs, "http://"+d)
	}
	scfg.URIs = append(scfg.URIs, dapps...)
	scfg.Keys.Files = []string{filepath.Join(dir, "keys", "signing.pem")}
	scfg.Origin.Regions = []signer.RegionConfig{{Name: "local", Dir: filepath.Join(dir, "origin")}}
	return scfg
}

func ether(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e18)) }

// demoKeys loads the dev wallets from demo.json, or makes them once.
func demoKeys(dir string) (demoFacts, *ecdsa.PrivateKey, *ecdsa.PrivateKey, error) {
	var f demoFacts
	raw, err := os.ReadFile(filepath.Join(dir, "demo.json"))
	if err == nil && json.Unmarshal(raw, &f) == nil && f.ViewerKey != "" && f.DeployerKey != "" {
		v, verr := crypto.HexToECDSA(f.ViewerKey[2:])
		d, derr := crypto.HexToECDSA(f.DeployerKey[2:])
		if verr == nil && derr == nil {
			return f, v, d, nil
		}
	}
	v, err := crypto.GenerateKey()
	if err != nil {
		return f, nil, nil, err
	}
	d, err := crypto.GenerateKey()
	if err != nil {
		return f, nil, nil, err
	}
	f = demoFacts{Asset: demoAsset, ViewerKey: hexutil.Encode(crypto.FromECDSA(v)), DeployerKey: hexutil.Encode(crypto.FromECDSA(d))}
	f.ViewerAddress = crypto.PubkeyToAddress(v.PublicKey).Hex()
	f.DeployerAddress = crypto.PubkeyToAddress(d.PublicKey).Hex()
	return f, v, d, nil
}

func writeFacts(dir string, f demoFacts) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	raw, _ := json.MarshalIndent(f, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "demo.json"), append(raw, '\n'), 0o600); err != nil {
		return err
	}
	fmt.Fprintf(stdout, `
StreamGate demo (dev keys: never use them anywhere else)
  watch page   %s/
  rpc          %s   chain id %d
  pass (ERC-721) %s   token id %s (the viewer's)
  playback TTL %s   (--playback-ttl: a playback token's lifetime; the SDK renews before it ends)
  asset        %s   (edge delivery)
  cdn asset    %s   (CDN delivery: encrypted segments on /c/, keys through the gate)
  viewer       %s
  viewer key   %s   (import into a wallet to watch)
  deployer     %s   (holds no pass: a non-holder to try)
  deployer key %s   (owns the pass contract; can mint)
  sign-in domains %s   (EIP-4361 domain; URI http://<domain>, or the dApp origin)
  dApp origins %s   (--dapp-origin: may sign in and call the signer; media: any origin)
  facts        %s
Ctrl-C stops everything.
`, f.EdgeURL, f.RPCURL, f.ChainID, f.Contract, f.PassTokenID, f.PlaybackTTL, f.Asset, f.CDNAsset, f.ViewerAddress, f.ViewerKey, f.DeployerAddress, f.DeployerKey, strings.Join(f.SignInDomains, ", "), dappsLine(f.DAppOrigins), filepath.Join(dir, "demo.json"))
	return nil
}

func dappsLine(dapps []string) string {
	if len(dapps) == 0 {
		return "none"
	}
	return strings.Join(dapps, ", ")
}

// serveDemo runs the edge with the signer in-process over the demo origin.
func serveDemo(ctx context.Context, o demoOptions, rpc string, log *slog.Logger) error {
	dir, listen := o.dir, o.listen
	chains := []ownership.ChainConfig{{ID: devchain.ID, RPC: []string{rpc}, Multicall3: "none"}}
	cfg := defaultEdgeConfig()
	cfg.Listen = listen
	cfg.Page.VendorDir = o.vendor
	cfg.Origin.Regions = []edge.RegionConfig{{Name: "local", Dir: filepath.Join(dir, "origin")}}
	cfg.Ownership.Chains = chains
	cfg.Page.Enabled = true
	scfg := demoSigner(dir, listen, o.dapps)
	scfg.Ownership.Chains = chains
	scfg.PlaybackTTL, scfg.SessionTTL = o.playbackTTL, o.sessionTTL
	deps, closeDeps, err := edgeDeps(cfg, &scfg, log)
	if err != nil {
		return err
	}
	srv, err := edge.New(cfg.Config, log, deps)
	if err != nil {
		return errors.Join(err, closeDeps())
	}
	return errors.Join(srv.Run(ctx), closeDeps())
}
