package edge

import (
	"runtime"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
)

// TestRequestTime: a request served by a fasthttp server is judged at the
// time fasthttp read before calling the handler (no second clock read); a
// context outside a server reads the clock.
func TestRequestTime(t *testing.T) {
	var bare fasthttp.RequestCtx
	before := time.Now()
	if got := requestTime(&bare); got.Before(before) || got.After(time.Now()) {
		t.Fatalf("outside a server: %v, want the clock between %v and now", got, before)
	}
	var served fasthttp.RequestCtx
	served.Init(&fasthttp.Request{}, nil, nil) // sets the request time as a server does
	want := served.Time()
	for !time.Now().After(want) {
		runtime.Gosched() // until the clock has moved on; the request's time must not
	}
	if got := requestTime(&served); !got.Equal(want) {
		t.Fatalf("served: %v, want the request's time %v", got, want)
	}
}
