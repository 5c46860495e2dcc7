package transcoder

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/origin"
)

// TestRepublishRetention publishes one asset four times, an hour apart,
// with a 2 h window, to a folder region and a MinIO region: each publish
// writes a new version folder and switches asset.json to it; a superseded
// version stays readable for the window (players keep the version they
// started with) and is deleted by the first publish after it, in every
// region, while versions.json records when each was superseded.
func TestRepublishRetention(t *testing.T) {
	m := testenv.MinIO(t)
	m.Bucket(t, "media")
	cfg := DefaultConfig().Origin
	cfg.Regions = []RegionConfig{{Name: "dir", Dir: t.TempDir()}, {Name: "s3", S3: s3Of(m, "media")}}
	p, err := newPublisher(cfg, 2*time.Hour, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	t0 := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	var versions []string
	publish := func(at time.Duration) {
		t.Helper()
		p.now = func() time.Time { return t0.Add(at) }
		v := newVersion()
		versions = append(versions, v)
		manifest := []byte(`{"id":"x","policy":{"public":true},"version":"` + v + `"}`)
		if err := p.publish(context.Background(), "x", v, outputDir(t, 3, true), manifest, func(context.Context) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	// present reports, per region, which of versions still have objects.
	present := func() map[string][]bool {
		out := map[string][]bool{}
		for _, r := range p.regions {
			for _, v := range versions {
				_, err := r.store.Stat(context.Background(), "x/"+v+"/seg-0.m4s")
				if err != nil && !errors.Is(err, origin.ErrNotFound) {
					t.Fatal(err)
				}
				out[r.name] = append(out[r.name], err == nil)
			}
		}
		return out
	}
	check := func(step string, want ...bool) {
		t.Helper()
		for region, got := range present() {
			if !slices.Equal(got, want) {
				t.Errorf("%s: region %s holds versions %v, want %v", step, region, got, want)
			}
		}
		for _, r := range p.regions {
			a := readManifest(t, r.store, "x")
			if a.Version != versions[len(versions)-1] {
				t.Errorf("%s: region %s asset.json names %s, want the latest %s", step, r.name, a.Version, versions[len(versions)-1])
			}
		}
	}
	publish(0)
	check("first publish", true)
	publish(time.Hour) // v0 superseded at 1h
	check("second publish", true, true)
	publish(2 * time.Hour) // v1 superseded at 2h; v0 superseded 1h ago: kept
	check("third publish", true, true, true)
	publish(3*time.Hour + time.Second) // v0 superseded 2h+1s ago: deleted; v1 1h+1s: kept
	check("fourth publish", false, true, true, true)

	for _, r := range p.regions {
		body, _, err := r.store.Get(context.Background(), "x/"+asset.VersionsName, origin.Range{})
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(body)
		body.Close()
		var vs versionList
		if err := json.Unmarshal(raw, &vs); err != nil {
			t.Fatal(err)
		}
		want := []struct {
			v          string
			superseded time.Duration // -1: current
		}{{versions[1], 2 * time.Hour}, {versions[2], 3*time.Hour + time.Second}, {versions[3], -1}}
		if len(vs.Versions) != len(want) {
			t.Fatalf("region %s versions.json %s", r.name, raw)
		}
		for i, w := range want {
			e := vs.Versions[i]
			if e.Version != w.v || (w.superseded < 0) != (e.SupersededAt == nil) ||
				(e.SupersededAt != nil && !e.SupersededAt.Equal(t0.Add(w.superseded))) {
				t.Errorf("region %s versions.json entry %d = %+v, want %s superseded at +%s", r.name, i, e, w.v, w.superseded)
			}
		}
	}
}

// TestRetentionKeepsUnknownFolders: an entry of versions.json that is not a
// version name is forgotten, never deleted (a tampered file cannot make
// retention delete another folder); an unreadable versions.json is
// replaced, and deletes nothing.
func TestRetentionKeepsUnknownFolders(t *testing.T) {
	d, err := origin.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	p := testPublisher(region{"a", d})
	p.retain = time.Nanosecond
	ctx := context.Background()
	old := time.Now().Add(-time.Hour)
	for _, key := range []string{"x/keep/seg.m4s", "x/v000000000000/seg.m4s"} {
		if err := p.putBytes(ctx, p.regions[0], key, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	tampered := versionList{Versions: []versionEntry{{Version: "keep", SupersededAt: &old}, {Version: "../x", SupersededAt: &old}}}
	if err := p.putJSON(ctx, p.regions[0], "x/"+asset.VersionsName, tampered); err != nil {
		t.Fatal(err)
	}
	if err := p.publish(ctx, "x", testVersion, outputDir(t, 1, false), []byte("{}"), func(context.Context) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Stat(ctx, "x/keep/seg.m4s"); err != nil {
		t.Fatalf("retention deleted a folder named by a non-version entry: %v", err)
	}
	if err := p.putBytes(ctx, p.regions[0], "x/"+asset.VersionsName, []byte("{")); err != nil {
		t.Fatal(err)
	}
	if err := p.publish(ctx, "x", "v111111111111", outputDir(t, 1, false), []byte("{}"), func(context.Context) error { return nil }); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"x/v000000000000/seg.m4s", "x/" + testVersion + "/seg-0.m4s"} {
		if _, err := d.Stat(ctx, key); err != nil {
			t.Errorf("%s after an unreadable versions.json: %v", key, err)
		}
	}
}

// readManifest reads and parses {id}/asset.json from a store.
func readManifest(t *testing.T, s origin.Store, id string) *asset.Asset {
	t.Helper()
	body, _, err := s.Get(context.Background(), id+"/"+asset.ManifestName, origin.Range{})
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	raw, _ := io.ReadAll(body)
	a, err := asset.Parse(id, raw)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestRetentionDeletesFailedPublish: a publish that fails half-way leaves
// its version recorded, so the folder it began is deleted once a later
// publish superseded it longer than the window ago.
func TestRetentionDeletesFailedPublish(t *testing.T) {
	rec := newRecorder(t)
	p := testPublisher(region{"a", rec})
	p.retain = time.Hour
	t0 := time.Now()
	at := func(d time.Duration) { p.now = func() time.Time { return t0.Add(d) } }
	ok := func(context.Context) error { return nil }
	failed := "v0000000000f0"
	rec.fail = "x/" + failed + "/seg-1.m4s"
	if err := p.publish(context.Background(), "x", failed, outputDir(t, 3, false), []byte("{}"), ok); err == nil {
		t.Fatal("publish with a failing upload succeeded")
	}
	if _, err := rec.Stat(context.Background(), "x/"+failed+"/seg-0.m4s"); err != nil {
		t.Fatalf("the failed publish wrote nothing to delete later: %v", err)
	}
	rec.fail = ""
	at(time.Minute)
	if err := p.publish(context.Background(), "x", "v000000000001", outputDir(t, 1, false), []byte("{}"), ok); err != nil {
		t.Fatal(err)
	}
	at(time.Hour + 2*time.Minute)
	if err := p.publish(context.Background(), "x", "v000000000002", outputDir(t, 1, false), []byte("{}"), ok); err != nil {
		t.Fatal(err)
	}
	if _, err := rec.Stat(context.Background(), "x/"+failed+"/seg-0.m4s"); !errors.Is(err, origin.ErrNotFound) {
		t.Fatalf("the failed publish's folder after the window: %v", err)
	}
	if _, err := rec.Stat(context.Background(), "x/v000000000001/seg-0.m4s"); err != nil {
		t.Fatalf("a version superseded within the window: %v", err)
	}
}
