package siwe

import (
	"net/netip"
	"strings"
)

// Character classes of RFC 3986 §2 and the rules EIP-4361 builds from them.
const (
	alpha      = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	digits     = "0123456789"
	unreserved = alpha + digits + "-._~"
	subDelims  = "!$&'()*+,;="
	genDelims  = ":/?#[]@"
)

// charSet is a byte class; a table lookup keeps the scans branch-light.
type charSet [256]bool

func newCharSet(chars string) *charSet {
	var s charSet
	for i := 0; i < len(chars); i++ {
		s[chars[i]] = true
	}
	return &s
}

var (
	schemeChars    = newCharSet(alpha + digits + "+-.")
	userinfoChars  = newCharSet(unreserved + subDelims + ":")
	regNameChars   = newCharSet(unreserved + subDelims)
	pcharChars     = newCharSet(unreserved + subDelims + ":@")
	pathChars      = newCharSet(unreserved + subDelims + ":@/")
	queryChars     = newCharSet(unreserved + subDelims + ":@/?")
	futureChars    = newCharSet(unreserved + subDelims + ":")
	statementChars = newCharSet(genDelims + subDelims + unreserved + " ")
	alnumChars     = newCharSet(alpha + digits)
	labelChars     = newCharSet(alpha + digits + "-")
	hexChars       = newCharSet(digits + "abcdefABCDEF")
	digitChars     = newCharSet(digits)
)

// only reports whether every byte of s is in set.
func only(s string, set *charSet) bool {
	for i := 0; i < len(s); i++ {
		if !set[s[i]] {
			return false
		}
	}
	return true
}

// onlyPct is only for rules that also allow pct-encoded ("%" HEXDIG HEXDIG).
func onlyPct(s string, set *charSet) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case set[s[i]]:
		case s[i] == '%' && i+2 < len(s) && hexChars[s[i+1]] && hexChars[s[i+2]]:
			i += 2
		default:
			return false
		}
	}
	return true
}

// isScheme is RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
func isScheme(s string) bool {
	return s != "" && alnumChars[s[0]] && !digitChars[s[0]] && only(s, schemeChars)
}

// isURI is RFC 3986 URI: scheme ":" hier-part [ "?" query ] [ "#" fragment ].
// Neither scheme nor hier-part may hold ":"-before-scheme, "?" or "#", so the
// first of each delimiter splits the parts.
func isURI(s string) bool {
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok || !isScheme(scheme) {
		return false
	}
	rest, fragment, ok := strings.Cut(rest, "#")
	if ok && !onlyPct(fragment, queryChars) {
		return false
	}
	rest, query, ok := strings.Cut(rest, "?")
	if ok && !onlyPct(query, queryChars) {
		return false
	}
	// "//" authority path-abempty; otherwise path-absolute, -rootless or -empty,
	// which differ only in where "/" may stand, and any pchar/"/" mix is one of them.
	if after, ok := strings.CutPrefix(rest, "//"); ok {
		i := strings.IndexByte(after, '/')
		if i < 0 {
			i = len(after)
		}
		return isAuthority(after[:i], false) && onlyPct(after[i:], pathChars)
	}
	return onlyPct(rest, pathChars)
}

// isDomain is the message's domain: an RFC 3986 authority whose host is an IP
// literal, an IPv4 address or a DNS name. RFC 3986 would also allow an empty
// host and reg-names such as "not_rfc4501"; the reference vectors reject both.
func isDomain(s string) bool {
	return isAuthority(s, true)
}

// isAuthority is RFC 3986 authority: [ userinfo "@" ] host [ ":" port ]. With dns
// set, the host must be a non-empty IP literal or DNS name (see isDomain).
func isAuthority(s string, dns bool) bool {
	// userinfo cannot hold "@", so the first one ends it.
	if userinfo, rest, ok := strings.Cut(s, "@"); ok {
		if !onlyPct(userinfo, userinfoChars) {
			return false
		}
		s = rest
	}
	host, port := s, ""
	if i := strings.LastIndexByte(s, ':'); i >= 0 && !strings.Contains(s[i:], "]") {
		host, port = s[:i], s[i+1:]
	}
	if !only(port, digitChars) {
		return false
	}
	switch {
	case strings.HasPrefix(host, "["):
		return isIPLiteral(host)
	case dns:
		return isDNSName(host)
	default:
		return onlyPct(host, regNameChars)
	}
}

// isIPLiteral is RFC 3986 IP-literal: "[" ( IPv6address / IPvFuture ) "]".
func isIPLiteral(s string) bool {
	inner, ok := strings.CutSuffix(strings.TrimPrefix(s, "["), "]")
	if !ok || inner == "" {
		return false
	}
	if inner[0] == 'v' || inner[0] == 'V' {
		// IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
		ver, rest, ok := strings.Cut(inner[1:], ".")
		return ok && ver != "" && rest != "" && only(ver, hexChars) && only(rest, futureChars)
	}
	// netip also accepts zones ("%eth0"), which RFC 3986 does not.
	a, err := netip.ParseAddr(inner)
	return err == nil && a.Is6() && a.Zone() == ""
}

// isDNSName accepts dot-separated LDH labels (RFC 1123), which covers dotted IPv4.
func isDNSName(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		if label == "" || len(label) > 63 || !only(label, labelChars) ||
			label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
	}
	return true
}

// isDateTime checks RFC 3339 date-time syntax and the ranges Go's parser does not
// (offsets such as "+24:00" or "+23:60"); time.Parse checks the rest. RFC 3339
// §5.6 allows lowercase "t" and "z".
func isDateTime(s string) bool {
	const layout = "0000-00-00T00:00:00" // 0 stands for a digit
	if len(s) < len(layout)+1 {
		return false
	}
	for i := 0; i < len(layout); i++ {
		c, want := s[i], layout[i]
		ok := c == want || want == '0' && digitChars[c] || want == 'T' && c == 't'
		if !ok {
			return false
		}
	}
	rest := s[len(layout):]
	if rest[0] == '.' {
		n := 1
		for n < len(rest) && digitChars[rest[n]] {
			n++
		}
		if n == 1 {
			return false
		}
		rest = rest[n:]
	}
	return rest == "Z" || rest == "z" || isNumOffset(rest)
}

// isNumOffset is RFC 3339 time-numoffset: ("+" / "-") time-hour ":" time-minute.
func isNumOffset(s string) bool {
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' ||
		!only(s[1:3], digitChars) || !only(s[4:], digitChars) {
		return false
	}
	return s[1:3] <= "23" && s[4:] <= "59"
}
