package clientip

import (
	"net"
	"net/netip"
	"strings"
	"testing"

	"github.com/valyala/fasthttp"
)

// request builds a RequestCtx from peer ("ip:port") carrying headers
// ("Name: value" lines, repeated names kept as separate lines).
func request(t testing.TB, peer string, headers ...string) *fasthttp.RequestCtx {
	t.Helper()
	var req fasthttp.Request
	req.SetRequestURI("/auth/nonce")
	for _, h := range headers {
		name, value, _ := strings.Cut(h, ": ")
		req.Header.Add(name, value)
	}
	addr, err := net.ResolveTCPAddr("tcp", peer)
	if err != nil {
		t.Fatal(err)
	}
	var rc fasthttp.RequestCtx
	rc.Init(&req, addr, nil)
	return &rc
}

func TestClient(t *testing.T) {
	const (
		proxy  = "10.0.0.5:40000"
		client = "203.0.113.7"
	)
	trusted := []string{"10.0.0.0/16", "192.0.2.1", "2001:db8:ffff::/48"}
	cases := []struct {
		name    string
		trusted []string
		header  string
		peer    string
		headers []string
		want    string
	}{
		// No trust configured: headers are never read.
		{"no trust, no header", nil, "", "198.51.100.9:1234", nil, "198.51.100.9"},
		{"no trust, spoofed XFF ignored", nil, "", "198.51.100.9:1234", []string{"X-Forwarded-For: 1.2.3.4"}, "198.51.100.9"},
		{"no trust, spoofed Forwarded ignored", nil, "", "198.51.100.9:1234", []string{"Forwarded: for=1.2.3.4"}, "198.51.100.9"},
		{"untrusted peer, XFF ignored", trusted, "", "198.51.100.9:1234", []string{"X-Forwarded-For: 1.2.3.4"}, "198.51.100.9"},
		{"untrusted peer, CloudFront header ignored", trusted, CloudFrontViewerAddress, "198.51.100.9:1234", []string{"CloudFront-Viewer-Address: 1.2.3.4:5"}, "198.51.100.9"},
		{"ipv6 peer, no trust", nil, "", "[2001:db8::1]:443", nil, "2001:db8::1"},

		// A trusted peer: the right-most untrusted hop.
		{"one proxy", trusted, "", proxy, []string{"X-Forwarded-For: " + client}, client},
		{"chain of trusted proxies", trusted, "", proxy, []string{"X-Forwarded-For: " + client + ", 192.0.2.1, 10.0.3.3"}, client},
		{"spoofed left-most entries ignored", trusted, "", proxy, []string{"X-Forwarded-For: 6.6.6.6, 7.7.7.7, " + client}, client},
		{"spoofed trusted-looking entry left of client", trusted, "", proxy, []string{"X-Forwarded-For: 10.0.0.9, " + client + ", 10.0.0.8"}, client},
		{"separate header lines form one list", trusted, "", proxy, []string{"X-Forwarded-For: 6.6.6.6", "X-Forwarded-For: " + client + ", 10.0.1.1"}, client},
		{"entry with port", trusted, "", proxy, []string{"X-Forwarded-For: " + client + ":5555"}, client},
		{"ipv6 client", trusted, "", proxy, []string{"X-Forwarded-For: 6.6.6.6, 2001:db8:1::7"}, "2001:db8:1::7"},
		{"bracketed ipv6 with port", trusted, "", proxy, []string{"X-Forwarded-For: [2001:db8:1::7]:443"}, "2001:db8:1::7"},
		{"ipv6 trusted proxy hop", trusted, "", "[2001:db8:ffff::2]:80", []string{"X-Forwarded-For: " + client + ", 2001:db8:ffff::9"}, client},
		{"ipv4-mapped entry unmapped", trusted, "", proxy, []string{"X-Forwarded-For: ::ffff:" + client}, client},
		{"ipv4-mapped trusted peer", trusted, "", "[::ffff:10.0.0.5]:1", []string{"X-Forwarded-For: " + client}, client},
		{"every hop trusted: left-most", trusted, "", proxy, []string{"X-Forwarded-For: 10.0.9.9, 10.0.0.7"}, "10.0.9.9"},
		{"trusted peer without header", trusted, "", proxy, nil, "10.0.0.5"},
		{"empty header", trusted, "", proxy, []string{"X-Forwarded-For: "}, "10.0.0.5"},

		// Malformed: stop, answer the last verified address, never a value
		// left of the break.
		{"garbage left of client", trusted, "", proxy, []string{"X-Forwarded-For: <script>, " + client}, client},
		{"garbage right-most", trusted, "", proxy, []string{"X-Forwarded-For: 6.6.6.6, garbage"}, "10.0.0.5"},
		{"unknown after a trusted hop", trusted, "", proxy, []string{"X-Forwarded-For: 6.6.6.6, unknown, 10.0.2.2"}, "10.0.2.2"},
		{"empty element", trusted, "", proxy, []string{"X-Forwarded-For: 6.6.6.6,, 10.0.2.2"}, "10.0.2.2"},
		{"zone rejected", trusted, "", proxy, []string{"X-Forwarded-For: 6.6.6.6, fe80::1%eth0"}, "10.0.0.5"},
		{"overlong entry", trusted, "", proxy, []string{"X-Forwarded-For: 6.6.6.6, " + strings.Repeat("9", 300)}, "10.0.0.5"},

		// RFC 7239.
		{"forwarded", trusted, Forwarded, proxy, []string{"Forwarded: for=" + client + ";proto=https;by=10.0.0.5"}, client},
		{"forwarded chain, quoted ipv6 with port", trusted, Forwarded, proxy, []string{`Forwarded: for=6.6.6.6, For="[2001:db8:1::7]:4711", for=10.0.0.1`}, "2001:db8:1::7"},
		{"forwarded bracketed ipv6 without port", trusted, Forwarded, proxy, []string{`Forwarded: for="[2001:db8:1::7]"`}, "2001:db8:1::7"},
		{"forwarded quoted comma stays in its element", trusted, Forwarded, proxy, []string{`Forwarded: for=6.6.6.6;x="a,b", for=` + client}, client},
		{"forwarded obfuscated node stops", trusted, Forwarded, proxy, []string{"Forwarded: for=6.6.6.6, for=_hidden"}, "10.0.0.5"},
		{"forwarded without for stops", trusted, Forwarded, proxy, []string{"Forwarded: for=6.6.6.6, proto=https"}, "10.0.0.5"},
		{"forwarded mode ignores XFF", trusted, Forwarded, proxy, []string{"X-Forwarded-For: 6.6.6.6", "Forwarded: for=" + client}, client},
		{"XFF mode ignores Forwarded", trusted, "", proxy, []string{"Forwarded: for=6.6.6.6", "X-Forwarded-For: " + client}, client},

		// CloudFront-Viewer-Address from a trusted peer.
		{"cloudfront ipv4", trusted, CloudFrontViewerAddress, proxy, []string{"CloudFront-Viewer-Address: " + client + ":46532", "X-Forwarded-For: " + client + ", 130.176.1.1"}, client},
		{"cloudfront ipv6 unbracketed", trusted, CloudFrontViewerAddress, proxy, []string{"CloudFront-Viewer-Address: 2001:db8:3333:4444:5555:6666:7777:8888:46532"}, "2001:db8:3333:4444:5555:6666:7777:8888"},
		{"cloudfront ipv6 compressed", trusted, CloudFrontViewerAddress, proxy, []string{"CloudFront-Viewer-Address: 2001:db8::1:443"}, "2001:db8::1"},
		{"cloudfront missing: peer", trusted, CloudFrontViewerAddress, proxy, []string{"X-Forwarded-For: 6.6.6.6"}, "10.0.0.5"},
		{"cloudfront without port: peer", trusted, CloudFrontViewerAddress, proxy, []string{"CloudFront-Viewer-Address: " + client}, "10.0.0.5"},
		{"cloudfront garbage: peer", trusted, CloudFrontViewerAddress, proxy, []string{"CloudFront-Viewer-Address: x:1"}, "10.0.0.5"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := New(Config{TrustedProxies: c.trusted, ClientHeader: c.header})
			if err != nil {
				t.Fatal(err)
			}
			got := r.Client(request(t, c.peer, c.headers...))
			if want := netip.MustParseAddr(c.want); got != want {
				t.Fatalf("Client = %s, want %s", got, want)
			}
		})
	}
}

func TestNilResolverIsPeer(t *testing.T) {
	var r *Resolver
	if got := r.Client(request(t, "10.0.0.5:1", "X-Forwarded-For: 1.2.3.4")); got != netip.MustParseAddr("10.0.0.5") {
		t.Fatalf("Client = %s, want the peer", got)
	}
}

func TestNewErrors(t *testing.T) {
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{TrustedProxies: []string{"10.0.0.0/33"}}, "http.trusted_proxies"},
		{Config{TrustedProxies: []string{"alb.internal"}}, "http.trusted_proxies"},
		{Config{TrustedProxies: []string{"fe80::1%eth0"}}, "http.trusted_proxies"},
		{Config{ClientHeader: "X-Real-IP"}, "http.client_header"},
	} {
		err := c.cfg.Validate("http.")
		if err == nil || !strings.HasPrefix(err.Error(), c.want+": ") {
			t.Errorf("Validate(%+v) = %v, want an error naming %s", c.cfg, err, c.want)
		}
	}
	r, err := New(Config{TrustedProxies: []string{" 10.1.2.3/16 ", "::ffff:192.0.2.0/120", "2001:db8::5"}, ClientHeader: "forwarded"})
	if err != nil {
		t.Fatal(err)
	}
	for a, want := range map[string]bool{"10.1.200.1": true, "10.2.0.1": false, "192.0.2.77": true, "2001:db8::5": true, "2001:db8::6": false} {
		if got := r.Trusted(netip.MustParseAddr(a)); got != want {
			t.Errorf("Trusted(%s) = %v, want %v", a, got, want)
		}
	}
}

// The common case, no proxies configured (or an untrusted peer), costs
// nothing per request.
func TestClientAllocationFree(t *testing.T) {
	rc := request(t, "198.51.100.9:1234", "X-Forwarded-For: 1.2.3.4")
	for _, r := range []*Resolver{nil, mustNew(t, Config{}), mustNew(t, Config{TrustedProxies: []string{"10.0.0.0/8"}})} {
		if n := testing.AllocsPerRun(100, func() { _ = r.Client(rc) }); n != 0 {
			t.Errorf("Client allocates %v times per call", n)
		}
	}
}

func mustNew(t testing.TB, c Config) *Resolver {
	t.Helper()
	r, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func BenchmarkClient(b *testing.B) {
	for _, bc := range []struct {
		name string
		r    *Resolver
		rc   *fasthttp.RequestCtx
	}{
		{"untrusted", mustNew(b, Config{}), request(b, "198.51.100.9:1234")},
		{"xff-chain", mustNew(b, Config{TrustedProxies: []string{"10.0.0.0/8"}}), request(b, "10.0.0.5:1", "X-Forwarded-For: 6.6.6.6, 203.0.113.7, 10.0.0.9")},
		{"cloudfront", mustNew(b, Config{TrustedProxies: []string{"10.0.0.0/8"}, ClientHeader: CloudFrontViewerAddress}), request(b, "10.0.0.5:1", "CloudFront-Viewer-Address: 203.0.113.7:443")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = bc.r.Client(bc.rc)
			}
		})
	}
}
