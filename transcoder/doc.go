// Package transcoder turns uploaded sources into published assets: a job
// queue on Redis Streams, workers that run one ffmpeg encode per job for the
// whole ladder, and a publisher that writes every region's origin with
// asset.json last.
//
// A job is a hash {prefix}job:{id} (state, progress, error, attempts, the
// spec) and an entry in the stream {prefix}jobs read by the consumer group
// "transcoders". A worker takes a new entry with XREADGROUP, or with
// XAUTOCLAIM one whose worker went quiet for queue.claim_timeout; while it
// runs it heartbeats the entry (XCLAIM to itself) so that nobody else takes
// it. On success it marks the job published and acknowledges the entry. A
// failed attempt leaves the entry pending with its idle time set so that
// XAUTOCLAIM hands it out again after the backoff; a bad source, or the
// last allowed attempt, moves the job to {prefix}jobs:dead with its error.
// Every step that ends a job first checks, in the same Lua script, that the
// worker still owns the entry, so a worker that lost its job cannot finish
// it twice.
//
// The encode writes CMAF fMP4 segments once, referenced by both the DASH
// MPD and the HLS media playlists (ffmpeg's dash muxer with -hls_playlist);
// the multivariant playlist is then rewritten with gohlslib's playlist
// package from measured segment sizes. Keyframes are forced at every
// segment boundary so all renditions switch cleanly.
package transcoder
