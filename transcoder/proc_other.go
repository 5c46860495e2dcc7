//go:build !linux

package transcoder

import "syscall"

// sysProcAttr is empty where Pdeathsig does not exist; a graceful stop still
// kills ffmpeg through its context.
func sysProcAttr() *syscall.SysProcAttr { return nil }
