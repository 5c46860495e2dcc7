//go:build !linux

package edge

import "net"

// setNotSentLowat is Linux-only; elsewhere the kernel default stands.
func setNotSentLowat(*net.TCPConn, int) {}
