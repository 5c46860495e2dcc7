package transcoder

import "syscall"

// sysProcAttr has the kernel kill ffmpeg when the worker dies, even by
// SIGKILL, so that no orphan keeps encoding a job another worker took over.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
