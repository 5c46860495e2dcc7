package httperr

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"time"
)

// Bounds of the net/http servers (transcoder admin API, indexer metrics):
// small operator APIs, so one request is read and written in well under
// these.
const (
	netReadHeaderTimeout = 10 * time.Second
	netReadTimeout       = 30 * time.Second
	netWriteTimeout      = 30 * time.Second
	netIdleTimeout       = 2 * time.Minute
)

// NewNetServer returns a net/http server for h with explicit limits:
// headers within DefaultMaxHeaderBytes and 10 s, a whole request within
// 30 s, a response within 30 s, idle connections closed after 2 min. Its
// library refusals are net/http's own, in text/plain: 431 for headers over
// the limit, 400 for a malformed request; a read timeout closes the
// connection without an answer. Handlers that read a body bound it with
// http.MaxBytesReader and answer 413 body_too_large themselves.
func NewNetServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: netReadHeaderTimeout,
		ReadTimeout:       netReadTimeout,
		WriteTimeout:      netWriteTimeout,
		IdleTimeout:       netIdleTimeout,
		MaxHeaderBytes:    DefaultMaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// WriteNet writes the JSON error body with status to a net/http response.
func WriteNet(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(Body{Error: code, Message: msg})
}
