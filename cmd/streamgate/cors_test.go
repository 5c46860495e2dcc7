package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// corsDo sends method path with Origin (and, for a preflight, the method
// asked) and returns the answer with its body.
func corsDo(t *testing.T, method, url, origin, asked string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", origin)
	if asked != "" {
		req.Header.Set("Access-Control-Request-Method", asked)
		req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// TestHostedSignerCORS: an edge hosting the signer answers each route's own
// CORS: the signer's API for its sign-in origin only, the JWKS and the
// delivery routes for any origin; a refused preflight is JSON.
func TestHostedSignerCORS(t *testing.T) {
	e := startE2E(t)
	page := e.url // the signer's domain is the edge's own host:port
	for path, method := range map[string]string{"/auth/nonce": "GET", "/auth/verify": "POST", "/playback/clip": "POST"} {
		resp, body := corsDo(t, "OPTIONS", e.url+path, page, method)
		if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Origin") != page ||
			resp.Header.Get("Access-Control-Allow-Headers") != "Authorization, Content-Type" || resp.Header.Get("Access-Control-Allow-Credentials") != "" {
			t.Fatalf("preflight %s from %s: %d %v %s", path, page, resp.StatusCode, resp.Header, body)
		}
		resp, body = corsDo(t, "OPTIONS", e.url+path, "http://127.0.0.1:1", method)
		if resp.StatusCode != 403 || !strings.Contains(body, `"error":"origin_not_allowed"`) || resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Fatalf("preflight %s from another port: %d %v %s", path, resp.StatusCode, resp.Header, body)
		}
	}
	resp, _ := corsDo(t, "GET", e.url+"/.well-known/jwks.json", "http://127.0.0.1:1", "")
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("jwks: %d %v", resp.StatusCode, resp.Header)
	}
	// A real sign-in, then the grant read by the page and the media by any.
	session := e.signIn(t, e.chain.Accounts[1])
	req, _ := http.NewRequest("POST", e.url+"/playback/clip", nil)
	req.Header.Set("Authorization", "Bearer "+session)
	req.Header.Set("Origin", page)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != page || resp.Header.Get("Vary") != "Origin" {
		t.Fatalf("playback: %d %v", resp.StatusCode, resp.Header)
	}
	var pb struct{ Token string }
	e.call(t, "POST", "/playback/clip", session, nil, 200, &pb)
	tok := pb.Token
	resp, body := corsDo(t, "OPTIONS", e.url+"/t/"+tok+"/v/clip/master.m3u8", "https://player.example", "GET")
	if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("delivery preflight: %d %v %s", resp.StatusCode, resp.Header, body)
	}
	resp, _ = corsDo(t, "GET", e.url+"/t/"+tok+"/v/clip/master.m3u8", "https://player.example", "")
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("delivery GET: %d %v", resp.StatusCode, resp.Header)
	}
}
