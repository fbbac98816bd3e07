package sandbox

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"time"

	"golang.org/x/sys/unix"
)

const (
	// tick is how often the parent looks at the tree's memory and tasks,
	// the clock and the context while waiting for output.
	tick = 20 * time.Millisecond
	// drainTime bounds reading leftover output once the program has
	// exited: by then everything it started has been killed, so the pipes
	// close at once unless a descendant escaped.
	drainTime = 500 * time.Millisecond
)

// pipe is one of the program's output pipes, as the parent reads it.
type pipe struct {
	r   int       // read end, the parent's
	w   *os.File  // write end, handed to the child; nil once closed
	out io.Writer // where the bytes go
	eof bool
}

// newPipe makes a pipe whose bytes go to out. Both ends are blocking and
// close-on-exec; exec.Cmd clears that flag on the copy it gives the child.
func newPipe(out io.Writer) (*pipe, error) {
	var fds [2]int
	if err := unix.Pipe2(fds[:], unix.O_CLOEXEC); err != nil {
		return nil, fmt.Errorf("sandbox: creating a pipe: %w", err)
	}
	return &pipe{r: fds[0], w: os.NewFile(uintptr(fds[1]), "pipe"), out: out}, nil
}

func (p *pipe) closeWrite() {
	if p.w != nil {
		p.w.Close()
		p.w = nil
	}
}

func (p *pipe) close() {
	p.closeWrite()
	if p.r >= 0 {
		unix.Close(p.r)
		p.r = -1
	}
}

// supervise starts cmd, passes what it prints on pipes to their writers
// while enforcing lim, and returns once the program has exited and its
// pipes are drained. status, when set, is the init's status pipe.
func supervise(ctx context.Context, cmd *exec.Cmd, status *os.File, pipes []*pipe, lim Limits) (Exit, error) {
	err := cmd.Start()
	// The child has its copies of the files handed to it; with the
	// parent's closed, EOF comes when the child is gone.
	for _, f := range cmd.ExtraFiles {
		f.Close()
	}
	for _, p := range pipes {
		p.closeWrite()
	}
	if err != nil {
		return Exit{}, fmt.Errorf("sandbox: starting %s: %w", cmd.Path, err)
	}
	statusErr := make(chan error, 1)
	if status != nil {
		go func() { statusErr <- readStatus(status) }()
	} else {
		statusErr <- nil
	}
	w := &watch{ctx: ctx, pid: cmd.Process.Pid, pipes: pipes, lim: lim,
		deadline: time.Now().Add(lim.Timeout), done: make(chan struct{})}
	// done is closed when the child has exited but is not yet reaped:
	// while it is a zombie its pid, and so its group id, cannot be reused,
	// which makes killing the group afterwards safe.
	go func() {
		var info unix.Siginfo
		for unix.Waitid(unix.P_PID, w.pid, &info, unix.WEXITED|unix.WNOWAIT, nil) == unix.EINTR {
		}
		close(w.done)
	}()
	loopErr := w.loop()
	if loopErr != nil {
		w.kill()
		<-w.done
	}
	waitErr := cmd.Wait()
	if err := <-statusErr; err != nil {
		return Exit{}, err
	}
	if loopErr != nil {
		return Exit{}, loopErr
	}
	state := cmd.ProcessState
	if state == nil {
		return Exit{}, fmt.Errorf("sandbox: waiting for %s: %w", cmd.Path, waitErr)
	}
	why := w.why
	if why != Exited && why != OutputFull && why != Canceled && state.Exited() {
		why = Exited // it finished by itself before the kill landed
	}
	return Exit{Reason: why, Code: state.ExitCode(), State: state.String()}, nil
}

// watch is the state of supervising one program.
type watch struct {
	ctx      context.Context
	pid      int
	pipes    []*pipe
	lim      Limits
	deadline time.Time
	done     chan struct{} // closed when the child has exited

	why       Reason
	killed    bool
	hasExited bool
	drainBy   time.Time // when to stop waiting for descendants' output
	lastLook  time.Time
}

// kill kills the program and everything it started: the child leads a
// process group, and in a sandbox it is the init of a PID namespace, whose
// death takes every process in the namespace with it.
func (w *watch) kill() {
	unix.Kill(-w.pid, unix.SIGKILL)
	unix.Kill(w.pid, unix.SIGKILL)
}

// loop reads output until the child has exited and its pipes are closed,
// enforcing the limits on the way.
func (w *watch) loop() error {
	buf := make([]byte, 64<<10)
	fds := make([]unix.PollFd, 0, len(w.pipes))
	open := make([]*pipe, 0, len(w.pipes))
	timer := time.NewTimer(tick)
	defer timer.Stop()
	for {
		fds, open = fds[:0], open[:0]
		for _, p := range w.pipes {
			if !p.eof {
				fds = append(fds, unix.PollFd{Fd: int32(p.r), Events: unix.POLLIN})
				open = append(open, p)
			}
		}
		if w.hasExited && (len(open) == 0 || time.Now().After(w.drainBy)) {
			return nil
		}
		if len(fds) > 0 {
			n, err := unix.Poll(fds, int(tick/time.Millisecond))
			if err != nil && err != unix.EINTR {
				return fmt.Errorf("sandbox: polling the program's output: %w", err)
			}
			// Read each ready pipe once, in the order of pipes, so stdout
			// comes before stderr when both are ready.
			for i := 0; n > 0 && i < len(fds); i++ {
				if fds[i].Revents != 0 && !w.read(open[i], buf) {
					w.stop(OutputFull)
				}
			}
		} else {
			// The program closed its outputs but may still be running.
			var ctxDone <-chan struct{}
			if !w.killed {
				ctxDone = w.ctx.Done()
			}
			timer.Reset(tick)
			select {
			case <-w.done:
			case <-ctxDone:
			case <-timer.C:
			}
		}
		w.check(time.Now())
	}
}

// stop kills the program for the first reason it broke a limit.
func (w *watch) stop(why Reason) {
	if w.killed {
		return
	}
	w.why, w.killed = why, true
	w.kill()
}

// check notices the program's exit, or stops it when it broke a limit.
func (w *watch) check(now time.Time) {
	if w.hasExited {
		return
	}
	select {
	case <-w.done:
		w.hasExited = true
		w.kill() // descendants may still hold the pipes
		w.drainBy = now.Add(drainTime)
		return
	default:
	}
	switch {
	case w.killed:
		// waiting for it to be gone
	case w.ctx.Err() != nil:
		w.stop(Canceled)
	case !now.Before(w.deadline):
		w.stop(Timeout)
	case now.Sub(w.lastLook) >= tick:
		w.lastLook = now
		mem, tasks := treeUsage(w.pid)
		if mem > w.lim.Memory {
			w.stop(Memory)
		} else if tasks > w.lim.Tasks {
			w.stop(Tasks)
		}
	}
}

// read reads once from a ready pipe into its writer; it reports false when
// the writer refused the bytes.
func (w *watch) read(p *pipe, buf []byte) bool {
	n, err := unix.Read(p.r, buf)
	switch {
	case err == unix.EINTR || err == unix.EAGAIN:
	case n <= 0:
		p.eof = true
		unix.Close(p.r)
		p.r = -1
	default:
		if _, err := p.out.Write(buf[:n]); err != nil {
			return false
		}
	}
	return true
}
