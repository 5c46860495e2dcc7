//go:build linux

package edge

import (
	"net"

	"golang.org/x/sys/unix"
)

func setNotSentLowat(c *net.TCPConn, n int) {
	raw, err := c.SyscallConn()
	if err != nil {
		return
	}
	// Best effort: without the option the connection still serves, only
	// with more data queued in the kernel.
	_ = raw.Control(func(fd uintptr) {
		_ = unix.SetsockoptInt(int(fd), unix.IPPROTO_TCP, unix.TCP_NOTSENT_LOWAT, n)
	})
}
