package edge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/origin"
)

// segments lists the media segments media_0.m3u8 names.
func segments(t *testing.T, base string) []string {
	t.Helper()
	resp, body := do(t, "GET", base+"media_0.m3u8", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("media_0.m3u8: %d %s", resp.StatusCode, body)
	}
	var segs []string
	for line := range strings.SplitSeq(string(body), "\n") {
		if strings.HasSuffix(line, ".m4s") {
			segs = append(segs, line)
		}
	}
	if len(segs) < 3 {
		t.Fatalf("media_0.m3u8 names %d segments, want >= 3", len(segs))
	}
	return segs
}

// metricValue reads one series' value from the edge's /metrics.
func metricValue(t *testing.T, e *testEdge, series string) string {
	t.Helper()
	_, body := do(t, "GET", e.url+"/metrics", nil)
	for line := range strings.SplitSeq(string(body), "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			return v
		}
	}
	return ""
}

// TestOriginOutageKeepsCachedContent (issue 12, item 1): with the primary
// cut and the fallback answering 404 (lagging replication), hot objects
// keep answering 200 well past cache.asset_ttl on the last good asset.json,
// /readyz stays ready, a cold object fails with a retryable 5xx, and once
// the origin is back a withdrawn asset.json takes effect.
func TestOriginOutageKeepsCachedContent(t *testing.T) {
	m := minioOrigin(t)
	p := testenv.NewTCPProxy(t, m.Endpoint)
	e := newTestEdge(t, t.TempDir(), func(c *Config) {
		s3Config(m, p.Addr)(c)
		c.Origin.Regions = append(c.Origin.Regions, RegionConfig{Name: "lagging", Dir: t.TempDir()})
		c.Origin.Timeout, c.Origin.Retries = 300*time.Millisecond, 0
		c.Origin.Eject.Backoff, c.Origin.Eject.MaxBackoff = 500*time.Millisecond, time.Second
		c.Cache.AssetTTL = 200 * time.Millisecond
	})
	base := e.url + "/t/" + e.playback(t, "clip") + "/v/clip/"
	segs := segments(t, base)
	hot := []string{"master.m3u8", "media_0.m3u8", segs[0], segs[1]}
	for _, path := range hot {
		if resp, body := do(t, "GET", base+path, nil); resp.StatusCode != 200 {
			t.Fatalf("warm %s: %d %s", path, resp.StatusCode, body)
		}
	}

	p.SetMode(testenv.TCPCut)
	var ok, failed int
	for end := time.Now().Add(10 * e.srv.cfg.Cache.AssetTTL); time.Now().Before(end); {
		for _, path := range hot {
			if resp, body := do(t, "GET", base+path, nil); resp.StatusCode == 200 {
				ok++
			} else {
				failed++
				t.Errorf("hot %s during the outage: %d %s", path, resp.StatusCode, body)
			}
		}
	}
	t.Logf("outage of %s (10 × asset_ttl): %d hot requests answered 200, %d not", 10*e.srv.cfg.Cache.AssetTTL, ok, failed)
	if failed > 0 {
		t.FailNow()
	}
	resp, body := do(t, "GET", base+segs[2], nil)
	wantError(t, resp, body, 502, "origin_error")
	if resp, body := do(t, "GET", e.url+"/readyz", nil); resp.StatusCode != 200 {
		t.Fatalf("readyz with the lagging region answering: %d %s, want 200", resp.StatusCode, body)
	}
	if v := metricValue(t, e, "streamgate_asset_stale"); v != "1" {
		t.Fatalf("streamgate_asset_stale = %q, want 1", v)
	}
	if v := metricValue(t, e, "streamgate_asset_stale_total"); v != "1" {
		t.Fatalf("streamgate_asset_stale_total = %q, want 1 (one switch, not one per request)", v)
	}

	// Healed, then withdrawn: the 404 of every region takes effect.
	p.SetMode(testenv.TCPPass)
	if err := m.Client.RemoveObject(context.Background(), "media", "clip/asset.json", minio.RemoveObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	testenv.WaitFor(t, 10*time.Second, func() error {
		if resp, body := do(t, "GET", base+"master.m3u8", nil); resp.StatusCode != 404 {
			return fmt.Errorf("withdrawn asset: %d %s, want 404", resp.StatusCode, body)
		}
		return nil
	})
	if v := metricValue(t, e, "streamgate_asset_stale"); v != "0" {
		t.Fatalf("streamgate_asset_stale after the withdrawal = %q, want 0", v)
	}
}

// TestHungRegionIsEjected (issue 12, item 2): with the primary black-holed
// and the fallback healthy, the first read pays the timeouts and ejects the
// primary; while it is down, reads make no attempt on it (counted at the
// proxy), /readyz stays ready and /statusz and the metrics show it down;
// after it heals, a probe readmits it.
func TestHungRegionIsEjected(t *testing.T) {
	m := minioOrigin(t)
	p := testenv.NewTCPProxy(t, m.Endpoint)
	config := func(c *Config) {
		s3Config(m, p.Addr)(c)
		primary := c.Origin.Regions[0]
		primary.Name = "primary"
		fallback := primary
		fallback.Name, fallback.S3.Endpoint = "fallback", m.Endpoint
		c.Origin.Regions = []RegionConfig{primary, fallback}
		c.Origin.Timeout, c.Origin.Retries = 300*time.Millisecond, 2
		c.Origin.Eject = origin.EjectConfig{After: 3, Backoff: 3 * time.Second, MaxBackoff: 6 * time.Second}
		c.Cache.AssetTTL = 100 * time.Millisecond
	}
	e := newTestEdge(t, t.TempDir(), config)
	base := e.url + "/t/" + e.playback(t, "clip") + "/v/clip/"
	p.SetMode(testenv.TCPBlackHole)

	// An edge that has served nothing yet is ready with a live fallback:
	// its readiness probe outlasts the hung primary and ejects it.
	fresh := newTestEdge(t, t.TempDir(), config)
	if resp, body := do(t, "GET", fresh.url+"/readyz", nil); resp.StatusCode != 200 || string(body) != "ready\n" {
		t.Fatalf("fresh edge, primary hung, fallback live: readyz %d %s, want 200 ready (%+v)", resp.StatusCode, body, fresh.srv.origin.Status())
	}

	start := time.Now()
	if resp, body := do(t, "GET", base+"master.m3u8", nil); resp.StatusCode != 200 {
		t.Fatalf("first read, primary hung: %d %s", resp.StatusCode, body)
	}
	t.Logf("first read with the primary hung: %s", time.Since(start))
	if st := e.srv.origin.Status()[0]; st.Up || st.Ejections != 1 {
		t.Fatalf("primary after the first read: %+v, want ejected once", st)
	}

	// Every read that starts and ends inside the ejection window (no probe
	// happened: the count of ejections is unchanged and it is still down)
	// must reach the primary zero times.
	checked, slowest := 0, time.Duration(0)
	for _, path := range append([]string{"media_0.m3u8"}, segments(t, base)...) {
		before, ej := p.Received(), e.srv.origin.Status()[0].Ejections
		start := time.Now()
		resp, body := do(t, "GET", base+path, nil)
		slowest = max(slowest, time.Since(start))
		if resp.StatusCode != 200 {
			t.Fatalf("cold %s while the primary is ejected: %d %s", path, resp.StatusCode, body)
		}
		st := e.srv.origin.Status()[0]
		if st.Up || st.Ejections != ej || !st.DownUntil.After(time.Now()) {
			break // the window ended: the next read may probe
		}
		if got := p.Received() - before; got != 0 {
			t.Fatalf("cold %s while the primary is ejected: %d bytes reached it, want none", path, got)
		}
		checked++
	}
	if checked < 3 {
		t.Fatalf("only %d reads fell inside the ejection window", checked)
	}
	t.Logf("%d cold reads while ejected made no attempt on the primary; slowest %s", checked, slowest)

	if resp, body := do(t, "GET", e.url+"/readyz", nil); resp.StatusCode != 200 {
		t.Fatalf("readyz with a live fallback: %d %s", resp.StatusCode, body)
	}
	_, body := do(t, "GET", e.url+"/statusz", nil)
	var status originStatus
	if err := json.Unmarshal(body, &status); err != nil || len(status.Regions) != 2 || status.Regions[0].Up || !status.Regions[1].Up {
		t.Fatalf("statusz = %s (%v), want primary down, fallback up", body, err)
	}
	if v := metricValue(t, e, `streamgate_edge_origin_region_up{region="primary"}`); v != "0" {
		t.Fatalf("region_up{primary} = %q, want 0", v)
	}

	// Healed: asset.json reloads (every 100 ms) probe it after the window;
	// one answer readmits it.
	p.SetMode(testenv.TCPPass)
	healed := p.Received()
	testenv.WaitFor(t, 15*time.Second, func() error {
		if resp, body := do(t, "GET", base+"master.m3u8", nil); resp.StatusCode != 200 {
			return fmt.Errorf("master: %d %s", resp.StatusCode, body)
		}
		if st := e.srv.origin.Status()[0]; !st.Up {
			return errors.New("primary not readmitted yet")
		}
		return nil
	})
	if p.Received() == healed {
		t.Fatal("primary readmitted without a probe reaching it")
	}
	if v := metricValue(t, e, `streamgate_edge_origin_region_ejections_total{region="primary"}`); v == "" || v == "0" {
		t.Fatalf("region_ejections_total{primary} = %q, want > 0", v)
	}
}
