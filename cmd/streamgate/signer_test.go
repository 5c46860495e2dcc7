package main

import (
	"crypto/x509"
	"encoding/pem"
	"testing"

	"github.com/streamgate/streamgate/signer/token"
)

var signerConfigCases = []struct {
	name, yaml, want string
	env              []string // KEY=VALUE
}{
	{"shipped config with domains", "", "", []string{"SIGNER_DOMAINS=watch.example.com,127.0.0.1:8080"}},
	{"shipped config without domains", "", "domains: want at least one", nil},
	{"zero session ttl", "domains: [a.example]\nsession_ttl: 0s\n", "session_ttl: want > 0", nil},
	{"unknown key", "domain: [a.example]\n", "line 1: domain: no such key; did you mean domains?", nil},
	{"keys only from the environment", "domains: [a.example]\nkeys:\n  files: []\n", "", []string{"SIGNER_KEYS_PEM=" + testKeyPEM()}},
	{"mangled keys in the environment", "domains: [a.example]\n", "SIGNER_KEYS_PEM: no PEM block", []string{"SIGNER_KEYS_PEM=-----BEGIN PRIVATE KEY-----"}},
	{"no keys", "domains: [a.example]\nkeys:\n  files: []\n", "keys.files", nil},
	{"bad env", "domains: [a.example]\n", "SIGNER_NONCE_TTL", []string{"SIGNER_NONCE_TTL=soon"}},
	{"missing key file", "domains: [a.example]\nkeys: {files: [/nonexistent/k.pem]}\n", "keys.files[0]: open /nonexistent/k.pem", nil},
	{"missing origin folder", "domains: [a.example]\norigin: {regions: [{name: local, dir: /nonexistent/o}]}\n", "origin.regions local: opening origin folder", nil},
	// A typo of the variable read outside the loader is named too.
	{"env typo", "domains: [a.example]\n", "SIGNER_KEY_PEM: no such key; did you mean SIGNER_KEYS_PEM?", []string{"SIGNER_KEY_PEM=x"}},
}

func testKeyPEM() string {
	k, err := token.GenerateKey()
	if err != nil {
		panic(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		panic(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// TestSignerCheckConfig runs `streamgate signer --check-config`.
func TestSignerCheckConfig(t *testing.T) {
	for _, tc := range signerConfigCases {
		t.Run(tc.name, func(t *testing.T) { checkConfig(t, "signer", runSigner, tc.yaml, tc.env, tc.want) })
	}
}
