// Command misbehave does, by its first argument, one of the things a
// snippet must not be able to do to the machine that builds the site; the
// sandbox tests run it and check that it failed.
package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

func main() {
	switch os.Args[1] {
	case "env":
		fmt.Println(strings.Join(os.Environ(), "\n"))
	case "read":
		for _, p := range os.Args[2:] {
			_, err := os.ReadFile(p)
			fmt.Printf("%s: %v\n", p, err)
		}
	case "ls":
		entries, err := os.ReadDir(os.Args[2])
		for _, e := range entries {
			fmt.Println(e.Name())
		}
		if err != nil {
			fmt.Println(err)
		}
	case "write":
		for _, p := range os.Args[2:] {
			fmt.Printf("%s: %v\n", p, os.WriteFile(p, []byte("x"), 0o644))
		}
	case "dial":
		c, err := net.DialTimeout("tcp", os.Args[2], 2*time.Second)
		if err == nil {
			c.Write([]byte("escaped"))
			c.Close()
		}
		fmt.Println("dial:", err)
	case "loopback":
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			fmt.Println("listen:", err)
			return
		}
		go func() { c, _ := l.Accept(); c.Write([]byte("hi")); c.Close() }()
		c, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			fmt.Println("dial:", err)
			return
		}
		b := make([]byte, 2)
		c.Read(b)
		fmt.Println("loopback:", string(b))
	case "exec":
		out, err := exec.Command(os.Args[2], os.Args[3:]...).CombinedOutput()
		fmt.Printf("exec: %q %v\n", out, err)
	case "child":
		// Starts this program again with the rest of the arguments, in a
		// session of its own, and exits without waiting.
		cmd := exec.Command("/proc/self/exe", os.Args[2:]...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		if err := cmd.Start(); err != nil {
			fmt.Println("start:", err)
			os.Exit(1)
		}
		fmt.Println("started", cmd.Process.Pid)
		if len(os.Args) > 2 && os.Args[2] == "hog" {
			cmd.Wait()
		}
	case "hog":
		var keep [][]byte
		for {
			b := make([]byte, 1<<20)
			for i := range b {
				b[i] = 1
			}
			keep = append(keep, b)
		}
	case "sleep":
		time.Sleep(time.Hour)
	case "forkbomb":
		for i := 0; ; i++ {
			cmd := exec.Command("/proc/self/exe", "sleep")
			if err := cmd.Start(); err != nil {
				fmt.Println("after", i, "processes:", err)
				time.Sleep(time.Hour)
			}
		}
	case "killparent":
		fmt.Println("ppid", os.Getppid())
		fmt.Println(syscall.Kill(os.Getppid(), syscall.SIGKILL))
		fmt.Println(syscall.Kill(-1, syscall.SIGKILL))
	case "spin":
		for {
		}
	case "fd3":
		f := os.NewFile(3, "three")
		fmt.Fprintln(f, "on three")
		fmt.Println("on one")
	case "stdin":
		b := make([]byte, 100)
		n, _ := os.Stdin.Read(b)
		fmt.Printf("%q\n", b[:n])
	case "caps":
		b, err := os.ReadFile("/proc/self/status")
		fmt.Println(string(b), err)
		h, err := os.Hostname()
		fmt.Println(h, err)
	}
}
