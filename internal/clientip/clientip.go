// Package clientip finds the client address of a request that may have
// passed through reverse proxies (nginx, a load balancer, a CDN): the TCP
// peer, unless the peer is a trusted proxy, in which case the header those
// proxies write names the client. Headers from an untrusted peer are never
// read, so a client cannot choose its own address.
package clientip

import (
	"bytes"
	"fmt"
	"net"
	"net/netip"
	"strings"

	"github.com/valyala/fasthttp"
)

// The headers a Resolver can read the client from (Config.Header).
const (
	// XForwardedFor is the de-facto "client, proxy1, proxy2" list, each
	// proxy appending the address it received from (nginx
	// $proxy_add_x_forwarded_for, AWS ALB, CloudFront). The default.
	XForwardedFor = "X-Forwarded-For"
	// Forwarded is RFC 7239's header; the for= parameter of each element.
	Forwarded = "Forwarded"
	// CloudFrontViewerAddress is set by CloudFront, when its origin request
	// policy includes it, to the viewer's "ip:port" (IPv6 unbracketed).
	CloudFrontViewerAddress = "CloudFront-Viewer-Address"
)

// Config is the trusted_proxies setting of a service's http block.
type Config struct {
	// TrustedProxies are the proxies' addresses as CIDRs ("10.0.0.0/16",
	// "2001:db8::/48") or single addresses. Empty (the default): the client
	// is always the peer and forwarding headers are ignored.
	TrustedProxies []string `yaml:"trusted_proxies"`
	// ClientHeader is the one header the trusted proxies write the client
	// into: XForwardedFor (default), Forwarded or CloudFrontViewerAddress.
	// Only one is read, since a proxy passes the others through from the
	// client unchanged.
	ClientHeader string `yaml:"client_header"`
}

// Validate reports an unparsable entry or an unknown header by its YAML key
// under prefix (e.g. "http.").
func (c Config) Validate(prefix string) error {
	_, err := New(c)
	if err != nil {
		return fmt.Errorf("%s%w", prefix, err)
	}
	return nil
}

// Resolver answers a request's client address. A nil or zero Resolver
// trusts no proxy. It is safe for concurrent use.
type Resolver struct {
	trusted []netip.Prefix
	header  string
}

// New parses c. Errors name the key ("trusted_proxies: …", "client_header: …").
func New(c Config) (*Resolver, error) {
	r := &Resolver{header: XForwardedFor}
	switch h := c.ClientHeader; {
	case h == "" || strings.EqualFold(h, XForwardedFor):
	case strings.EqualFold(h, Forwarded):
		r.header = Forwarded
	case strings.EqualFold(h, CloudFrontViewerAddress):
		r.header = CloudFrontViewerAddress
	default:
		return nil, fmt.Errorf("client_header: want %s, %s or %s, got %q", XForwardedFor, Forwarded, CloudFrontViewerAddress, h)
	}
	for _, s := range c.TrustedProxies {
		p, err := netip.ParsePrefix(strings.TrimSpace(s))
		if err != nil {
			a, aerr := netip.ParseAddr(strings.TrimSpace(s))
			if aerr != nil || a.Zone() != "" {
				return nil, fmt.Errorf("trusted_proxies: want a CIDR or an address, got %q", s)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		if p.Addr().Is4In6() {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		r.trusted = append(r.trusted, p.Masked())
	}
	return r, nil
}

// Trusted reports whether a is one of the trusted proxies.
func (r *Resolver) Trusted(a netip.Addr) bool {
	if r == nil {
		return false
	}
	a = a.Unmap()
	for _, p := range r.trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Peer is rc's TCP peer address (IPv4-mapped IPv6 unmapped); the zero Addr
// when the connection is not TCP.
func Peer(rc *fasthttp.RequestCtx) netip.Addr {
	if a, ok := rc.RemoteAddr().(*net.TCPAddr); ok {
		return a.AddrPort().Addr().Unmap()
	}
	return netip.Addr{}
}

// Client returns rc's client address. With no trusted proxies, or an
// untrusted peer, it is the peer. Otherwise the header is walked from the
// right (the entry the nearest proxy wrote) and the first address that is
// not a trusted proxy is the client: entries left of it were written by
// the client and are ignored. The walk stops at a malformed entry (or
// "unknown", an obfuscated RFC 7239 node, an element without for=) and
// answers the last address it could verify, at worst the peer: a broken
// chain never yields an address the client wrote. When every entry is a
// trusted proxy the left-most one is answered. With CloudFrontViewerAddress
// the one "ip:port" value is the client, the peer if it is absent or
// malformed. Allocation-free when the peer is not trusted.
func (r *Resolver) Client(rc *fasthttp.RequestCtx) netip.Addr {
	peer := Peer(rc)
	if r == nil || len(r.trusted) == 0 || !r.Trusted(peer) {
		return peer
	}
	h := &rc.Request.Header
	if r.header == CloudFrontViewerAddress {
		if a, ok := parseViewerAddress(h.Peek(CloudFrontViewerAddress)); ok {
			return a
		}
		return peer
	}
	parse := parseHop
	if r.header == Forwarded {
		parse = parseForwardedElement
	}
	// A proxy may add its own header line rather than append to the last:
	// lines in order form one list.
	lines := h.PeekAll(r.header)
	client := peer
	for i := len(lines) - 1; i >= 0; i-- {
		rest := lines[i]
		for {
			var entry []byte
			rest, entry = lastElement(rest)
			if entry == nil {
				break
			}
			a, ok := parse(entry)
			if !ok {
				return client
			}
			client = a
			if !r.Trusted(a) {
				return a
			}
		}
	}
	return client
}

// lastElement splits s at its last comma outside a quoted string: the
// elements before it and the trimmed element after it (nil when s is only
// blanks).
func lastElement(s []byte) (rest, elem []byte) {
	quoted := false
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				return s[:i], trim(s[i+1:])
			}
		}
	}
	if e := trim(s); len(e) > 0 {
		return nil, e
	}
	return nil, nil
}

func trim(b []byte) []byte { return bytes.Trim(b, " \t") }

// parseHop reads one X-Forwarded-For entry: "ip", "ip:port" or
// "[ipv6]:port".
func parseHop(b []byte) (netip.Addr, bool) {
	s := string(b)
	if a, err := netip.ParseAddr(s); err == nil && a.Zone() == "" {
		return a.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil && ap.Addr().Zone() == "" {
		return ap.Addr().Unmap(), true
	}
	return netip.Addr{}, false
}

// parseForwardedElement reads the for= parameter of one RFC 7239 element
// (§4: for=192.0.2.60, for="[2001:db8::17]:4711"; names case-insensitive).
func parseForwardedElement(elem []byte) (netip.Addr, bool) {
	for len(elem) > 0 {
		var pair []byte
		if i := bytes.IndexByte(elem, ';'); i >= 0 {
			pair, elem = trim(elem[:i]), elem[i+1:]
		} else {
			pair, elem = trim(elem), nil
		}
		eq := bytes.IndexByte(pair, '=')
		if eq < 0 || !bytes.EqualFold(trim(pair[:eq]), []byte("for")) {
			continue
		}
		v := trim(pair[eq+1:])
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = v[1 : len(v)-1]
		}
		if len(v) > 0 && v[0] == '[' && v[len(v)-1] == ']' {
			v = v[1 : len(v)-1] // "[v6]" without a port
		}
		return parseHop(v)
	}
	return netip.Addr{}, false
}

// parseViewerAddress reads CloudFront-Viewer-Address: the address, a
// colon and the port, an IPv6 address not bracketed
// ("2001:db8::1:46532").
func parseViewerAddress(b []byte) (netip.Addr, bool) {
	b = trim(b)
	i := bytes.LastIndexByte(b, ':')
	if i <= 0 || i == len(b)-1 {
		return netip.Addr{}, false
	}
	for _, c := range b[i+1:] {
		if c < '0' || c > '9' {
			return netip.Addr{}, false
		}
	}
	host := b[:i]
	if len(host) >= 2 && host[0] == '[' && host[len(host)-1] == ']' {
		host = host[1 : len(host)-1]
	}
	a, err := netip.ParseAddr(string(host))
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}
