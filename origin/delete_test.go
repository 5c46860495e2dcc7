package origin

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// prunerContract: DeleteFolder removes the folder's objects at every depth
// and nothing beside it (not a sibling sharing its name as a prefix);
// deleting an empty folder is no error; a key that is not a folder is
// refused.
func prunerContract(t *testing.T, p Pruner) {
	ctx := context.Background()
	keys := []string{"a/v1/x.m4s", "a/v1/aes/x.m4s", "a/v10/x.m4s", "a/asset.json"}
	for _, k := range keys {
		if err := p.Put(ctx, k, strings.NewReader("x"), 1, PutOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.DeleteFolder(ctx, "a/v1/"); err != nil {
		t.Fatal(err)
	}
	for i, k := range keys {
		_, err := p.Stat(ctx, k)
		if gone := errors.Is(err, ErrNotFound); gone != (i < 2) {
			t.Errorf("%s after deleting a/v1/: %v", k, err)
		}
	}
	if err := p.DeleteFolder(ctx, "a/v1/"); err != nil {
		t.Errorf("deleting an empty folder: %v", err)
	}
	for _, bad := range []string{"a/v10", "", "/", "//"} {
		if err := p.DeleteFolder(ctx, bad); err == nil {
			t.Errorf("DeleteFolder(%q) deleted", bad)
		}
	}
}

func TestDirDeleteFolder(t *testing.T) {
	d, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	prunerContract(t, d)
}

func TestS3DeleteFolder(t *testing.T) {
	s, _ := s3Region(t, "deploy-1")
	prunerContract(t, s)
}
