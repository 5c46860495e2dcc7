package testenv

import "syscall"

// sysProcAttr asks the kernel to kill the server if the test binary dies
// without running its cleanups (a -timeout panic, a SIGKILL), so no server
// outlives the run and holds its port.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
