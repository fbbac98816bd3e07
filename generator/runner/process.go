package runner

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gonotes/concurrency/generator/engine"
)

// ending says why a child stopped.
type ending int

const (
	exited     ending = iota // by itself
	timedOut                 // killed at the wall-clock limit
	overMemory               // killed at the memory limit
	overOutput               // killed at the output limit
	canceled                 // killed because the context was done
)

// limits are what the parent enforces on a running child.
type limits struct {
	timeout   time.Duration
	maxMemory int64
}

const (
	// tick is how often the parent looks at the child's memory, the clock
	// and the context while waiting for output.
	tick = 20 * time.Millisecond
	// drainTime bounds reading leftover output once the child has exited:
	// by then the whole process group has been killed, so the pipes close
	// at once unless a descendant escaped the group.
	drainTime = 500 * time.Millisecond
)

// pipe is one of the child's output pipes, as the parent reads it.
type pipe struct {
	r      int           // read end, the parent's
	w      *os.File      // write end, handed to the child; nil once closed
	stream engine.Stream // the stream the bytes belong to
	frames *frameDecoder // set when the pipe carries frames
	eof    bool
}

// newPipe makes a pipe whose bytes are output on stream s. Both ends are
// blocking and close-on-exec; exec.Cmd clears that flag on the copy it
// gives the child.
func newPipe(s engine.Stream) (*pipe, error) {
	var fds [2]int
	if err := unix.Pipe2(fds[:], unix.O_CLOEXEC); err != nil {
		return nil, fmt.Errorf("creating a pipe: %w", err)
	}
	return &pipe{r: fds[0], w: os.NewFile(uintptr(fds[1]), "pipe"), stream: s}, nil
}

func (p *pipe) close() {
	if p.w != nil {
		p.w.Close()
		p.w = nil
	}
	if p.r >= 0 {
		unix.Close(p.r)
		p.r = -1
	}
}

// supervise starts cmd, records what it prints on pipes into out while
// enforcing lim, and returns once the child has exited and its pipes are
// drained. The child leads a new process group, and every kill is of the
// whole group, so nothing the program started outlives it. The pipes are
// closed on return.
func supervise(ctx context.Context, cmd *exec.Cmd, pipes []*pipe, out *output, lim limits) (ending, *os.ProcessState, error) {
	defer func() {
		for _, p := range pipes {
			p.close()
		}
	}()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	err := cmd.Start()
	// The child has its copies of the files handed to it; with the
	// parent's closed, EOF comes when the child is gone, and a write to a
	// pipe it reads fails when it dies.
	for _, f := range cmd.ExtraFiles {
		f.Close()
	}
	for _, p := range pipes {
		if p.w != nil {
			p.w.Close()
			p.w = nil
		}
	}
	if err != nil {
		return exited, nil, fmt.Errorf("starting %s: %w", cmd.Path, err)
	}
	w := &watch{ctx: ctx, pid: cmd.Process.Pid, pipes: pipes, out: out, lim: lim,
		deadline: time.Now().Add(lim.timeout), done: make(chan struct{})}
	// done is closed when the child has exited but is not yet reaped: while
	// it is a zombie its pid, and so its group id, cannot be reused, which
	// makes killing the group afterwards safe.
	go func() {
		var info unix.Siginfo
		for unix.Waitid(unix.P_PID, w.pid, &info, unix.WEXITED|unix.WNOWAIT, nil) == unix.EINTR {
		}
		close(w.done)
	}()
	w.mem = openMemory(w.pid)
	defer w.mem.close()
	loopErr := w.loop()
	if loopErr != nil {
		w.killGroup()
		<-w.done
	}
	waitErr := cmd.Wait()
	if loopErr != nil {
		return w.why, nil, loopErr
	}
	if cmd.ProcessState == nil {
		return w.why, nil, fmt.Errorf("waiting for %s: %w", cmd.Path, waitErr)
	}
	return w.why, cmd.ProcessState, nil
}

// watch is the state of supervising one child.
type watch struct {
	ctx      context.Context
	pid      int
	pipes    []*pipe
	out      *output
	lim      limits
	deadline time.Time
	mem      memory
	done     chan struct{} // closed when the child has exited

	why       ending
	hasExited bool
	drainBy   time.Time // when to stop waiting for descendants' output
	lastMem   time.Time
}

func (w *watch) killGroup() { unix.Kill(-w.pid, unix.SIGKILL) }

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
				return fmt.Errorf("polling the child's output: %w", err)
			}
			// Read each ready pipe once, in the order of pipes, so stdout
			// comes before stderr when both are ready.
			for i := 0; n > 0 && i < len(fds); i++ {
				if fds[i].Revents != 0 {
					read(open[i], buf, w.out)
				}
			}
		} else {
			// The child closed its outputs but may still be running.
			var ctxDone <-chan struct{}
			if w.why == exited {
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

// check notices the child's exit, or stops it when it broke a limit.
func (w *watch) check(now time.Time) {
	if w.hasExited {
		return
	}
	select {
	case <-w.done:
		w.hasExited = true
		w.killGroup() // descendants may still hold the pipes
		w.drainBy = now.Add(drainTime)
		return
	default:
	}
	if w.why != exited {
		return // already killed; waiting for it to be gone
	}
	stop := func(e ending) {
		w.why = e
		w.killGroup()
	}
	switch {
	case w.out.full:
		stop(overOutput)
	case w.ctx.Err() != nil:
		stop(canceled)
	case !now.Before(w.deadline):
		stop(timedOut)
	case now.Sub(w.lastMem) >= tick:
		w.lastMem = now
		if w.mem.resident() > w.lim.maxMemory {
			stop(overMemory)
		}
	}
}

// read reads once from a ready pipe into out.
func read(p *pipe, buf []byte, out *output) {
	n, err := unix.Read(p.r, buf)
	switch {
	case err == unix.EINTR || err == unix.EAGAIN:
	case n <= 0:
		p.eof = true
		unix.Close(p.r)
		p.r = -1
	case p.frames != nil:
		p.frames.feed(buf[:n], out)
	default:
		out.write(p.stream, buf[:n])
	}
}
