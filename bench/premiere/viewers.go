package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/streamgate/streamgate/signer/siwe"
)

// wallets are the viewers' keys, made before the run so that key
// generation is not measured; each viewer signs its own sign-in.
type wallets struct {
	keys  []*ecdsa.PrivateKey
	addrs []common.Address
}

func newWallets(n int) (*wallets, error) {
	w := &wallets{keys: make([]*ecdsa.PrivateKey, n), addrs: make([]common.Address, n)}
	for i := range n {
		k, err := crypto.GenerateKey()
		if err != nil {
			return nil, err
		}
		w.keys[i], w.addrs[i] = k, crypto.PubkeyToAddress(k.PublicKey)
	}
	return w, nil
}

// viewerIP is viewer i's source address: each viewer comes from its own
// loopback address (127.64.0.1 …), as a premiere's viewers come from many,
// so the per-IP sign-in limit sees one client each.
func viewerIP(i int) net.IP {
	n := i/254<<8 | (i%254 + 1) // last octet 1..254
	return net.IPv4(127, byte(64+n>>16), byte(n>>8), byte(n))
}

// result is one viewer's outcome: the time from its first sign-in request
// to the first byte of its first segment, or why it got no segment.
type result struct {
	latency time.Duration
	fail    string // "" when the segment arrived whole
}

// viewer is one holder pressing play: sign in (EIP-4361, personal_sign),
// request a playback token, fetch the playlist and its first segment.
type viewer struct {
	base   string // http://host:port of the edge hosting the signer
	key    *ecdsa.PrivateKey
	addr   common.Address
	client *http.Client
	want   []byte // the segment's bytes
}

func newViewer(base string, ip net.IP, key *ecdsa.PrivateKey, want []byte) *viewer {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}, Timeout: 10 * time.Second}
	tr := &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 1, DisableCompression: true}
	return &viewer{base: base, key: key, addr: crypto.PubkeyToAddress(key.PublicKey), want: want,
		client: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

func (v *viewer) close() { v.client.CloseIdleConnections() }

func (v *viewer) run(ctx context.Context) result {
	start := time.Now()
	session, err := v.signIn(ctx)
	if err != nil {
		return result{fail: reason("sign-in", err)}
	}
	var pb struct{ Token, HLS string }
	if err := v.call(ctx, http.MethodPost, "/playback/"+assetID, session, nil, &pb); err != nil {
		return result{fail: reason("playback", err)}
	}
	pl, _, err := v.get(ctx, pb.HLS)
	if err != nil {
		return result{fail: reason("playlist", err)}
	}
	if !bytes.Contains(pl, []byte(segmentName)) {
		return result{fail: "playlist: no segment named"}
	}
	seg, firstByte, err := v.get(ctx, "/t/"+pb.Token+"/v/"+assetID+"/"+segmentName)
	if err != nil {
		return result{fail: reason("segment", err)}
	}
	if !bytes.Equal(seg, v.want) {
		return result{fail: fmt.Sprintf("segment: %d bytes differ from the %d-byte object", len(seg), len(v.want))}
	}
	return result{latency: firstByte.Sub(start)}
}

// signIn: nonce, EIP-4361 message, personal_sign, verify; the session.
func (v *viewer) signIn(ctx context.Context) (string, error) {
	var n struct{ Nonce string }
	if err := v.call(ctx, http.MethodGet, "/auth/nonce", "", nil, &n); err != nil {
		return "", err
	}
	statement := "Sign in to watch the premiere."
	m := siwe.Message{
		Domain: strings.TrimPrefix(v.base, "http://"), Address: v.addr, Statement: &statement,
		URI: v.base, Version: "1", ChainID: chainID, Nonce: n.Nonce, IssuedAt: time.Now().UTC().Truncate(time.Second),
	}
	text := m.String()
	sig, err := crypto.Sign(accounts.TextHash([]byte(text)), v.key)
	if err != nil {
		return "", err
	}
	sig[64] += 27
	body, err := json.Marshal(map[string]string{"message": text, "signature": "0x" + hex.EncodeToString(sig)})
	if err != nil {
		return "", err
	}
	var out struct{ Address, Session string }
	if err := v.call(ctx, http.MethodPost, "/auth/verify", "", body, &out); err != nil {
		return "", err
	}
	return out.Session, nil
}

// httpError is a non-2xx answer: its status and JSON error code.
type httpError struct {
	status int
	code   string
}

func (e *httpError) Error() string { return fmt.Sprintf("%d %s", e.status, e.code) }

// reason names a failure for the breakdown: step, status and error code,
// or the transport's error.
func reason(step string, err error) string {
	var he *httpError
	if errors.As(err, &he) {
		return step + ": " + he.Error()
	}
	return step + ": " + err.Error()
}

// call makes a signer request and decodes its 200 JSON answer into out.
func (v *viewer) call(ctx context.Context, method, path, bearer string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, v.base+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := v.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return statusError(resp.StatusCode, raw)
	}
	return json.Unmarshal(raw, out)
}

// get fetches path from the edge and returns its 200 body and when the
// answer's first byte arrived (the client has read the status line).
func (v *viewer) get(ctx context.Context, path string) ([]byte, time.Time, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, v.base+path, nil)
	if err != nil {
		return nil, time.Time{}, err
	}
	resp, err := v.client.Do(req)
	first := time.Now()
	if err != nil {
		return nil, first, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, first, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, first, statusError(resp.StatusCode, body)
	}
	return body, first, nil
}

func statusError(status int, body []byte) error {
	var e struct{ Error string }
	if json.Unmarshal(body, &e) != nil || e.Error == "" {
		e.Error = "(not the JSON error shape)"
	}
	return &httpError{status: status, code: e.Error}
}

// premiere runs the viewers, viewer i pressing play at i × arrival / n, and
// returns their results in order.
func premiere(ctx context.Context, base string, w *wallets, arrival time.Duration, segment []byte) []result {
	n := len(w.keys)
	out := make([]result, n)
	var wg sync.WaitGroup
	t0 := time.Now()
	for i := range n {
		at := t0.Add(arrival * time.Duration(i) / time.Duration(n))
		select {
		case <-time.After(time.Until(at)):
		case <-ctx.Done():
			wg.Wait()
			return out[:i]
		}
		wg.Go(func() {
			v := newViewer(base, viewerIP(i), w.keys[i], segment)
			defer v.close()
			out[i] = v.run(ctx)
		})
	}
	wg.Wait()
	return out
}

// summary is what a run's viewers saw.
type summary struct {
	ok    int
	p95   time.Duration
	p50   time.Duration
	fails map[string]int
}

func summarize(rs []result) summary {
	s := summary{fails: map[string]int{}}
	var lat []time.Duration
	for _, r := range rs {
		if r.fail != "" {
			s.fails[r.fail]++
			continue
		}
		s.ok++
		lat = append(lat, r.latency)
	}
	if len(lat) > 0 {
		slices.Sort(lat)
		s.p95 = lat[(len(lat)*95+99)/100-1]
		s.p50 = lat[(len(lat)+1)/2-1]
	}
	return s
}
