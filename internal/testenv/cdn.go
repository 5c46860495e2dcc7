package testenv

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/template"
	"time"
)

// CDNEnv is a caching reverse proxy standing in for a CDN in front of an
// edge: nginx with proxy_cache.
type CDNEnv struct {
	// Addr is the proxy's host:port; URL is "http://" + Addr.
	Addr, URL string
}

// CacheStatus is the response header naming the cache's verdict on a
// request: HIT, MISS, EXPIRED, … (nginx's $upstream_cache_status) on the
// token-free route /c/, BYPASS on every other path.
const CacheStatus = "X-Cache-Status"

// CDNSite is the nginx configuration that makes a caching proxy a CDN for
// the edge, as any CDN must behave (docs/protocol.md §6, "Putting a CDN in
// front", shows it rendered by RenderCDNSite and docs/docs_test.go checks
// the two agree; deploy/terraform's CloudFront behaviours do the same): /c/
// cached per the edge's Cache-Control, keyed on the path alone (no query
// string, cookie or header), concurrent misses of one object collapsed into
// one upstream fetch; every other path (the token path /t/, whose answers
// are per viewer, and the signer's routes) passed through uncached, with the
// client's address for the edge's http.proxies. It goes in nginx's http
// block; Cache is the cache folder, Addr the listen address, Upstream the
// edge's host:port.
const CDNSite = `proxy_cache_path {{.Cache}} levels=1:2 keys_zone=cdn:10m max_size=1g inactive=1h use_temp_path=off;
upstream edge {
    server {{.Upstream}};
    keepalive 16;
}
server {
    listen {{.Addr}};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    location /c/ {
        proxy_pass http://edge;
        proxy_cache cdn;
        proxy_cache_key $uri;
        proxy_cache_lock on;
        proxy_cache_lock_timeout 30s;
        proxy_set_header Cookie "";
        proxy_set_header Authorization "";
        add_header X-Cache-Status $upstream_cache_status always;
    }
    location / {
        proxy_pass http://edge;
        proxy_cache off;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        add_header X-Cache-Status BYPASS always;
    }
}
`

var cdnSite = template.Must(template.New("site").Parse(CDNSite))

// RenderCDNSite is CDNSite for a cache folder, a listen address (host:port
// or port) and the edge's host:port.
func RenderCDNSite(cache, addr, upstream string) (string, error) {
	var b strings.Builder
	if err := cdnSite.Execute(&b, map[string]string{"Cache": cache, "Addr": addr, "Upstream": upstream}); err != nil {
		return "", err
	}
	return b.String(), nil
}

// cdnConf wraps CDNSite for the stand-in: one process (master_process off)
// running as the test's user, every path in its own prefix, so it needs no
// root and leaves nothing behind.
const cdnConf = `daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 1024; }
http {
access_log off;
client_body_temp_path %[1]s/body;
proxy_temp_path %[1]s/proxy;
fastcgi_temp_path %[1]s/fastcgi;
uwsgi_temp_path %[1]s/uwsgi;
scgi_temp_path %[1]s/scgi;
%[2]s}
`

// WriteCDNConfig writes prefix/nginx.conf for nginx -p prefix/ to listen
// on addr and cache in front of upstream (host:port) as CDN does, keeping
// every file it makes under prefix; it returns the config's path. The
// benchmark runs the same stand-in.
func WriteCDNConfig(prefix, addr, upstream string) (string, error) {
	site, err := RenderCDNSite(prefix+"/cache", addr, upstream)
	if err != nil {
		return "", fmt.Errorf("writing the nginx config: %w", err)
	}
	conf := filepath.Join(prefix, "nginx.conf")
	if err := os.WriteFile(conf, fmt.Appendf(nil, cdnConf, prefix, site), 0o644); err != nil {
		return "", fmt.Errorf("writing the nginx config: %w", err)
	}
	return conf, nil
}

// CDN starts nginx on a free 127.0.0.1 port caching in front of upstream
// (the edge's host:port) as a CDN would, and stops it when the test ends.
func CDN(t testing.TB, upstream string) *CDNEnv {
	t.Helper()
	bin := Bin(t, "nginx")
	prefix := t.TempDir()
	addr := "127.0.0.1:" + FreePort(t)
	conf, err := WriteCDNConfig(prefix, addr, upstream)
	if err != nil {
		t.Fatal(err)
	}
	// -e: the error log goes to the prefix before the config is read, so
	// nginx never opens /var/log/nginx.
	p := start(t, bin, nil, "-p", prefix+"/", "-c", conf, "-e", filepath.Join(prefix, "error.log"))
	waitFor(t, p, 10*time.Second, func() error {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			return fmt.Errorf("dialing nginx: %w", err)
		}
		return c.Close()
	})
	return &CDNEnv{Addr: addr, URL: "http://" + addr}
}
