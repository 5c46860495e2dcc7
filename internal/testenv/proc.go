package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// proc is a server process started for one test.
type proc struct {
	name string
	log  string        // path of the captured stdout+stderr
	done chan struct{} // closed when the process has exited
	err  error         // Wait's result, valid once done is closed
	cmd  *exec.Cmd
	once sync.Once
}

// start runs bin with args and extra environment, writing its output to a
// file in a fresh t.TempDir so a failed startup can show why. The process is
// killed by t.Cleanup; call t.TempDir for its data before start, so that
// cleanup (last in, first out) kills it before its files are removed.
func start(t testing.TB, bin string, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{name: filepath.Base(bin), done: make(chan struct{})}
	p.log = filepath.Join(t.TempDir(), p.name+".log")
	f, err := os.Create(p.log)
	if err != nil {
		t.Fatalf("creating %s log: %v", p.name, err)
	}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = f, f
	p.cmd.SysProcAttr = sysProcAttr()
	if err := p.cmd.Start(); err != nil {
		f.Close()
		t.Fatalf("starting %s: %v", p.name, err)
	}
	go func() {
		p.err = p.cmd.Wait()
		f.Close()
		close(p.done)
	}()
	t.Cleanup(p.stop)
	return p
}

// stop kills the process and waits for it; it is safe to call twice.
func (p *proc) stop() {
	p.once.Do(func() {
		_ = p.cmd.Process.Kill() // fails only if it already exited
		<-p.done
	})
}

// tail returns the last lines of the captured output for failure messages.
func (p *proc) tail() string {
	b, err := os.ReadFile(p.log)
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > 30 {
		lines = lines[len(lines)-30:]
	}
	return "--- " + p.log + " (tail) ---\n" + strings.Join(lines, "\n")
}
