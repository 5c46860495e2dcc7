package main

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"text/template"
	"time"

	"github.com/streamgate/streamgate/bench/internal/proc"
)

// nginxConf is the baseline: one worker, sendfile, and secure_link checking an
// md5 token and an expiry in the query, the closest stock nginx gets to the
// edge's signed, expiring URLs. Logging is off as on the edge's hot path.
var nginxConf = template.Must(template.New("nginx.conf").Parse(`daemon off;
master_process on;
worker_processes 1;
pid {{.Prefix}}/nginx.pid;
error_log {{.Prefix}}/error.log warn;

events { worker_connections 4096; }

http {
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    access_log off;
    open_file_cache max=1000 inactive=60s;
    types {
        application/vnd.apple.mpegurl m3u8;
        video/iso.segment m4s;
    }
    default_type application/octet-stream;

    server {
        listen {{.Addr}};
        root "{{.Root}}";
        location / {
            secure_link $arg_md5,$arg_expires;
            secure_link_md5 "$secure_link_expires$uri {{.Secret}}";
            if ($secure_link = "") { return 403; }
            if ($secure_link = "0") { return 410; }
        }
    }
}
`))

// startNginx writes the config into its own prefix and starts nginx on CPU0
// (its worker inherits the affinity), then warms the page cache.
func startNginx(ctx context.Context, dir, host string, fx fixture) (running, error) {
	prefix := filepath.Join(dir, "nginx")
	secret, err := newSecret()
	if err != nil {
		return running{}, err
	}
	port, err := proc.FreePort()
	if err != nil {
		return running{}, err
	}
	conf, err := writeNginxConf(prefix, fx.originDir, fmt.Sprintf("%s:%d", host, port), secret)
	if err != nil {
		return running{}, err
	}
	// -e points the error log at the prefix before the config is read, so
	// nginx never touches /var/log/nginx.
	srv, err := startPinned("nginx", filepath.Join(dir, "nginx.log"), os.Environ(),
		"nginx", "-p", prefix+"/", "-c", conf, "-e", filepath.Join(prefix, "error.log"))
	if err != nil {
		return running{}, err
	}
	base := fmt.Sprintf("http://%s:%d", host, port)
	expires := time.Now().Add(2 * time.Hour).Unix()
	r := running{
		srv:      srv,
		playlist: base + signedPath("/"+assetID+"/"+playlistName, secret, expires),
		segment:  base + signedPath("/"+assetID+"/"+segmentName, secret, expires),
		key:      base + signedPath("/"+assetID+"/"+cdnKeyPath(0), secret, expires),
	}
	return r, warmBoth(ctx, r, fx)
}

func writeNginxConf(prefix, root, addr, secret string) (string, error) {
	if err := os.MkdirAll(prefix, 0o755); err != nil {
		return "", fmt.Errorf("making the nginx prefix: %w", err)
	}
	path := filepath.Join(prefix, "nginx.conf")
	f, err := os.Create(path)
	if err != nil {
		return "", fmt.Errorf("writing the nginx config: %w", err)
	}
	defer f.Close()
	data := map[string]string{"Prefix": prefix, "Addr": addr, "Root": root, "Secret": secret}
	if err := nginxConf.Execute(f, data); err != nil {
		return "", fmt.Errorf("writing the nginx config: %w", err)
	}
	return path, f.Close()
}

// signedPath signs uri as secure_link_md5 above expects: base64url without
// padding of md5(expires + uri + " " + secret), as in nginx's documentation.
func signedPath(uri, secret string, expires int64) string {
	sum := md5.Sum(fmt.Appendf(nil, "%d%s %s", expires, uri, secret))
	return fmt.Sprintf("%s?md5=%s&expires=%d", uri, base64.RawURLEncoding.EncodeToString(sum[:]), expires)
}

// newSecret returns a fresh hex secret, safe to put in the config unquoted.
func newSecret() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generating the secure_link secret: %w", err)
	}
	return fmt.Sprintf("%x", b), nil
}
