package transcoder

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/testenv"
)

// apiCases are requests the API refuses, with the status and code it
// answers in docs/protocol.md's error body.
var apiCases = []struct {
	name, method, path, token, body string
	status                          int
	code                            string
}{
	{"no token", "GET", "/jobs", "", "", 401, "unauthorized"},
	{"wrong token", "GET", "/jobs", "not-the-token-at-all", "", 401, "unauthorized"},
	{"not json", "POST", "/jobs", testToken, "{", 400, "bad_request"},
	{"unknown field", "POST", "/jobs", testToken, `{"asset":"a","sauce":"s3://b/k"}`, 400, "bad_request"},
	{"bad asset", "POST", "/jobs", testToken, spec("Bad/ID", "s3://sources/a/av.mp4", `{"public":true}`, ""), 400, "bad_request"},
	{"bad policy", "POST", "/jobs", testToken, spec("a", "s3://sources/a/av.mp4", `{}`, ""), 400, "bad_request"},
	{"bad source", "POST", "/jobs", testToken, spec("a", "https://example.com/a.mp4", `{"public":true}`, ""), 400, "bad_request"},
	{"unknown ladder", "POST", "/jobs", testToken, spec("a", "s3://sources/a/av.mp4", `{"public":true}`, "huge"), 400, "bad_request"},
	{"missing source", "POST", "/jobs", testToken, spec("a", "s3://sources/a/none.mp4", `{"public":true}`, ""), 400, "bad_request"},
	{"too large", "POST", "/jobs", testToken, `{"title":"` + strings.Repeat("x", maxSpecBytes) + `"}`, 413, "body_too_large"},
	{"unknown job", "GET", "/jobs/nosuchjob", testToken, "", 404, "not_found"},
	{"bad job id", "GET", "/jobs/..%2f..", testToken, "", 404, "not_found"},
	{"bad limit", "GET", "/jobs?limit=0", testToken, "", 400, "bad_request"},
	{"method", "DELETE", "/jobs", testToken, "", 405, "method_not_allowed"},
	{"job method", "PUT", "/jobs/abc", testToken, "", 405, "method_not_allowed"},
	{"no route", "GET", "/admin", testToken, "", 404, "not_found"},
}

func spec(asset, source, policy, ladder string) string {
	b, _ := json.Marshal(map[string]any{"asset": asset, "source": source, "policy": json.RawMessage(policy), "ladder": ladder})
	return string(b)
}

// apiService runs a service whose only region is a folder.
func apiService(t *testing.T) (*Service, *testenv.MinIOServer) {
	r := &rig{redis: testenv.Redis(t), a: testenv.MinIO(t)}
	r.b = r.a // unused: the region is a folder
	r.a.Bucket(t, "sources")
	cfg := r.config(t)
	cfg.Origin.Regions = []RegionConfig{{Name: "local", Dir: t.TempDir()}}
	svc := start(t, cfg)
	r.upload(t, "a", srcAV)
	return svc, r.a
}

func TestAPIErrors(t *testing.T) {
	svc, _ := apiService(t)
	for _, tc := range apiCases {
		t.Run(tc.name, func(t *testing.T) {
			resp := call(t, svc, tc.method, tc.path, tc.token, tc.body)
			var e httperr.Body
			body, _ := io.ReadAll(resp.Body)
			if err := json.Unmarshal(body, &e); err != nil || resp.StatusCode != tc.status || e.Error != tc.code || e.Message == "" {
				t.Fatalf("%d %s, want %d %s", resp.StatusCode, body, tc.status, tc.code)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("content type %q", ct)
			}
		})
	}
}

func call(t *testing.T, svc *Service, method, path, token, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, "http://"+svc.Addr()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// TestAPIDelivery: the job field "delivery" takes edge (the default) or
// cdn; any other value, case variants included, is a 400 bad_request that
// names the allowed values.
func TestAPIDelivery(t *testing.T) {
	svc, _ := apiService(t)
	for _, d := range []string{"drm", "CDN", "Edge", " cdn", "cdn ", "sample-aes"} {
		body := `{"asset":"a","source":"s3://sources/a/av.mp4","policy":{"public":true},"delivery":` + strconv.Quote(d) + `}`
		resp := call(t, svc, "POST", "/jobs", testToken, body)
		var e httperr.Body
		raw, _ := io.ReadAll(resp.Body)
		if json.Unmarshal(raw, &e) != nil || resp.StatusCode != 400 || e.Error != "bad_request" || !strings.Contains(e.Message, `want "edge" or "cdn"`) {
			t.Errorf("delivery %q: %d %s", d, resp.StatusCode, raw)
		}
	}
	c := NewClient("http://"+svc.Addr(), testToken)
	for d, want := range map[string]string{"": "edge", "edge": "edge", "cdn": "cdn"} {
		job, err := c.Submit(context.Background(), Spec{Asset: "a", Source: "s3://sources/a/av.mp4", Policy: []byte(`{"public":true}`), Delivery: d})
		if err != nil || job.Delivery != want {
			t.Errorf("delivery %q: %+v %v", d, job, err)
			continue
		}
		// As a worker and GET /jobs/{id} read it back from Redis.
		if stored, err := c.Job(context.Background(), job.ID); err != nil || stored.Delivery != want {
			t.Errorf("delivery %q stored as %+v %v", d, stored, err)
		}
	}
}

// TestAPIJobs submits through the client and reads the job back, one by id
// and in the list; healthz needs no token.
func TestAPIJobs(t *testing.T) {
	svc, _ := apiService(t)
	ctx := context.Background()
	c := NewClient("http://"+svc.Addr(), testToken)
	job, err := c.Submit(ctx, Spec{Asset: "a", Source: "s3://sources/a/av.mp4", Policy: []byte(`{"public":true}`)})
	if err != nil || job.ID == "" || job.Title != "a" || job.Ladder != "test" || string(job.Policy) != `{"public":true}` {
		t.Fatalf("submit: %+v %v", job, err)
	}
	got, err := c.Job(ctx, job.ID)
	if err != nil || got.ID != job.ID || got.Asset != "a" || !got.CreatedAt.Equal(job.CreatedAt) {
		t.Fatalf("job: %+v %v", got, err)
	}
	list, err := c.Jobs(ctx, 10)
	if err != nil || len(list) != 1 || list[0].ID != job.ID || list[0].Teaser || list[0].GetURL != "" {
		t.Fatalf("jobs: %+v %v", list, err)
	}
	if _, err := c.Job(ctx, "nosuchjob"); !errors.Is(err, ErrUnknownJob) {
		t.Errorf("unknown job: %v", err)
	}
	if _, err := c.Submit(ctx, Spec{Asset: "B"}); !errors.Is(err, ErrBadSpec) {
		t.Errorf("bad spec: %v", err)
	}
	teaser, err := c.Submit(ctx, Spec{Asset: "t", Source: "s3://sources/a/av.mp4", Policy: []byte(`{"public":true}`), Teaser: true, GetURL: "https://example.com/get"})
	if err != nil || !teaser.Teaser || teaser.GetURL != "https://example.com/get" {
		t.Fatalf("submit with teaser and get_url: %+v %v", teaser, err)
	}
	if got, err := c.Job(ctx, teaser.ID); err != nil || !got.Teaser || got.GetURL != "https://example.com/get" {
		t.Fatalf("job with teaser and get_url read back: %+v %v", got, err)
	}
	for _, u := range []string{"javascript:alert(1)", "/relative", "ftp://example.com/", "https://user@example.com/", "https://example.com/a b", "https://example.com/" + strings.Repeat("a", 2048)} {
		if _, err := c.Submit(ctx, Spec{Asset: "t", Source: "s3://sources/a/av.mp4", Policy: []byte(`{"public":true}`), GetURL: u}); !errors.Is(err, ErrBadSpec) {
			t.Errorf("get_url %.40q: %v, want 400 bad_request", u, err)
		}
	}
	if _, err := NewClient("http://"+svc.Addr(), "wrong-token-wrong-token").Jobs(ctx, 1); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("bad token: %v", err)
	}
	if resp := call(t, svc, "GET", "/healthz", "", ""); resp.StatusCode != 200 {
		t.Errorf("healthz: %d", resp.StatusCode)
	}
	// Redis health is in the metrics, like every service's, without a token.
	if resp := call(t, svc, "GET", "/metrics", "", ""); resp.StatusCode != 200 {
		t.Errorf("metrics: %d", resp.StatusCode)
	} else if body, _ := io.ReadAll(resp.Body); !strings.Contains(string(body), "streamgate_redis_up 1") {
		t.Errorf("metrics without streamgate_redis_up 1:\n%s", body)
	}
}
