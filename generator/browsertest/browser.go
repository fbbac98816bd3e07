// Package browsertest drives one headless Chromium for a test suite: it
// finds the browser, opens tabs that record what a page reports going wrong
// (console errors, uncaught exceptions, failed requests), serves a folder
// under a sub-path on 127.0.0.1 as GitHub Pages would, and runs axe-core.
//
// A suite starts one Browser in its first test (or TestMain) and opens a Tab
// per goroutine; starting Chromium costs about a second, a tab a few
// milliseconds.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// candidates are where Debian, Ubuntu and Chrome's own packages put the browser.
var candidates = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"}

// Find returns the path of a Chromium: $CHROME when set, else the first
// of the usual places or names on PATH; "" when there is none.
func Find() string {
	if p := os.Getenv("CHROME"); p != "" {
		return p
	}
	for _, p := range candidates {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Require returns the browser's path, or ends the test when there is none:
// it fails on Linux under CI (where .ci/run installs Debian's chromium, so a
// missing browser is a broken setup) and skips elsewhere, saying so loudly.
func Require(tb testing.TB) string {
	tb.Helper()
	p := Find()
	if p != "" {
		return p
	}
	const msg = "NO BROWSER: browser tests did not run. Install Debian's chromium (apt-get install -y chromium) or set $CHROME."
	if runtime.GOOS == "linux" && os.Getenv("CI") != "" {
		tb.Fatal(msg)
	}
	fmt.Fprintf(os.Stderr, "\n*** %s ***\n\n", msg)
	tb.Skip(msg)
	return ""
}

// Browser is one running Chromium with an empty, temporary profile.
type Browser struct {
	ctx    context.Context // the first tab's context; new tabs derive from it
	cancel context.CancelFunc
}

// Start launches the browser at execPath, headless.
func Start(execPath string) (*Browser, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		// This machine's network is closed: no update checks, no lookups.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-sync", true),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		cancel()
		acancel()
		return nil, fmt.Errorf("starting %s: %w", execPath, err)
	}
	return &Browser{ctx: ctx, cancel: func() { cancel(); acancel() }}, nil
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() { b.cancel() }

// Tab is one browser tab. It is not safe for use by several goroutines.
type Tab struct {
	ctx    context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	problems []string
	urls     map[network.RequestID]string
}

// NewTab opens a tab that records every problem its pages report.
func (b *Browser) NewTab() (*Tab, error) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	t := &Tab{ctx: ctx, cancel: cancel, urls: map[network.RequestID]string{}}
	if err := chromedp.Listen(ctx, t.record); err != nil {
		cancel()
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	return t, nil
}

// Close closes the tab.
func (t *Tab) Close() { t.cancel() }

// Context is the tab's chromedp context, for actions this package lacks.
func (t *Tab) Context() context.Context { return t.ctx }

// record runs on chromedp's reading goroutine: it must be quick.
func (t *Tab) record(ev any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch ev := ev.(type) {
	case *cdpruntime.EventConsoleAPICalled:
		if ev.Type == cdpruntime.ConsoleAPICalledTypeError || ev.Type == cdpruntime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				if a.Value != nil {
					args = append(args, string(a.Value))
				} else {
					args = append(args, a.Description)
				}
			}
			t.problems = append(t.problems, "console."+string(ev.Type)+": "+strings.Join(args, " "))
		}
	case *cdpruntime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		t.problems = append(t.problems, fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, text))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			t.problems = append(t.problems, fmt.Sprintf("console (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	case *network.EventRequestWillBeSent:
		t.urls[ev.RequestID] = ev.Request.URL
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			t.problems = append(t.problems, fmt.Sprintf("request failed: %d %s", ev.Response.Status, ev.Response.URL))
		}
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			t.problems = append(t.problems, fmt.Sprintf("request failed: %s %s", ev.ErrorText, t.urls[ev.RequestID]))
		}
	}
}

// Open navigates to url, waits for the load event, and starts a new list of
// problems.
func (t *Tab) Open(url string) error {
	t.mu.Lock()
	t.problems = nil
	t.mu.Unlock()
	if err := chromedp.Do(t.ctx, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("opening %s: %w", url, err)
	}
	return nil
}

// Problems returns what went wrong since the page was opened: console
// errors, uncaught exceptions, and requests that failed or got an HTTP error.
func (t *Tab) Problems() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.problems...)
}

// Eval evaluates a JavaScript expression in the tab's page, waits for it
// when it is a promise, and decodes its value.
func Eval[T any](t *Tab, js string) (T, error) {
	v, err := chromedp.Run(t.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return v, fmt.Errorf("evaluating %.60q: %w", js, err)
	}
	return v, nil
}

// Do runs chromedp actions in the tab.
func (t *Tab) Do(actions ...chromedp.Action[chromedp.Void]) error {
	return chromedp.Do(t.ctx, actions...)
}

// Viewport sets the page's size in CSS pixels; mobile pages get a touch
// screen and honour the viewport meta tag, as a phone does.
func (t *Tab) Viewport(width, height int64, mobile bool) error {
	opts := []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
	if mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	return t.Do(chromedp.EmulateViewport(width, height, opts...))
}

// ColorScheme makes the page see prefers-color-scheme as "light" or "dark".
func (t *Tab) ColorScheme(scheme string) error {
	return t.Do(chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	}))
}

// Scripts turns the page's own scripts on or off, for the pages opened
// next; the tests' evaluations run either way.
func (t *Tab) Scripts(on bool) error {
	return t.Do(chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	}))
}
