package transcoder

import (
	"errors"
	"net/http"

	"github.com/streamgate/streamgate/internal/httperr"
)

var (
	// ErrBadSpec is wrapped by ParseSpec's errors: the job cannot be
	// accepted as asked.
	ErrBadSpec = errors.New("transcoder: bad job")
	// ErrUnknownJob is returned by Queue.Get for an id with no state.
	ErrUnknownJob = errors.New("transcoder: no such job")
	// ErrBadSource is wrapped when the source cannot be transcoded (empty,
	// corrupt, no video stream, not found): the job is dead-lettered at once
	// rather than retried.
	ErrBadSource = errors.New("transcoder: unusable source")
	// ErrUnavailable is wrapped when Redis does not answer.
	ErrUnavailable = errors.New("transcoder: queue unavailable")
	// ErrUnauthorized is returned by Client calls the API refused for the
	// token.
	ErrUnauthorized = errors.New("transcoder: bad admin token")

	// errLost is the cause of a job context canceled because another worker
	// took the job over.
	errLost    = errors.New("transcoder: job taken over by another worker")
	errMethod  = errors.New("transcoder: method not allowed")
	errNoRoute = errors.New("transcoder: no such endpoint")
)

// statusOf is the one place that maps errors to HTTP statuses and codes.
func statusOf(err error) (int, string) {
	var tooBig *http.MaxBytesError
	switch {
	case errors.Is(err, ErrBadSpec):
		return http.StatusBadRequest, "bad_request"
	case errors.Is(err, ErrUnauthorized):
		return http.StatusUnauthorized, "unauthorized"
	case errors.Is(err, ErrUnknownJob), errors.Is(err, errNoRoute):
		return http.StatusNotFound, "not_found"
	case errors.Is(err, errMethod):
		return http.StatusMethodNotAllowed, "method_not_allowed"
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge, httperr.CodeBodyTooLarge
	case errors.Is(err, ErrUnavailable):
		return http.StatusServiceUnavailable, "queue_unavailable"
	}
	return http.StatusInternalServerError, "internal"
}
