//go:build !linux

package testenv

import "syscall"

// sysProcAttr is empty where Pdeathsig does not exist; t.Cleanup still stops
// servers on every normal exit.
func sysProcAttr() *syscall.SysProcAttr { return nil }
