package testenv

import (
	"context"
	"io/fs"
	"mime"
	"path"
	"path/filepath"
	"testing"

	"github.com/minio/minio-go/v7"
)

// contentTypes covers the streaming formats that Go's mime table (which reads
// the host's /etc/mime.types) may lack or get wrong.
var contentTypes = map[string]string{
	".mpd":  "application/dash+xml",
	".m3u8": "application/vnd.apple.mpegurl",
	".m4s":  "video/iso.segment",
	".mp4":  "video/mp4",
	".ts":   "video/mp2t",
}

// Upload puts every file under dir into bucket as prefix/REL (REL with
// forward slashes; no prefix when prefix is ""), each with its content type.
func Upload(t testing.TB, client *minio.Client, bucket, prefix, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		key := path.Join(prefix, filepath.ToSlash(rel))
		opts := minio.PutObjectOptions{ContentType: contentType(key)}
		_, err = client.FPutObject(context.Background(), bucket, key, p, opts)
		return err
	})
	if err != nil {
		t.Fatalf("uploading %s to %s/%s: %v", dir, bucket, prefix, err)
	}
}

// contentType returns the type Upload stores for name, by its extension.
func contentType(name string) string {
	ext := path.Ext(name)
	if ct, ok := contentTypes[ext]; ok {
		return ct
	}
	if ct := mime.TypeByExtension(ext); ct != "" {
		return ct
	}
	return "application/octet-stream"
}
