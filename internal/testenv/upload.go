package testenv

import (
	"context"
	"io/fs"
	"path"
	"path/filepath"
	"testing"

	"github.com/minio/minio-go/v7"

	"github.com/streamgate/streamgate/asset"
)

// Upload puts every file under dir into bucket as prefix/REL (REL with
// forward slashes; no prefix when prefix is ""), each with the content type
// asset.ContentType gives, as the transcoder stores it.
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
		opts := minio.PutObjectOptions{ContentType: asset.ContentType(key)}
		_, err = client.FPutObject(context.Background(), bucket, key, p, opts)
		return err
	})
	if err != nil {
		t.Fatalf("uploading %s to %s/%s: %v", dir, bucket, prefix, err)
	}
}
