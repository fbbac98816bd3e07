package snippet

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// FuzzParseInfo checks that ParseInfo never panics and that what it accepts
// is well formed and means the same when written back as an info string.
// The kept corpus is in testdata/fuzz/FuzzParseInfo.
func FuzzParseInfo(f *testing.F) {
	for _, s := range []string{
		"",
		"go",
		"go lines hl=2,4-6 title=main.go",
		`go title="a b" norun`,
		"go engine=go flags=-race vet timeout=2s",
		"go expect=exit=3 output=varies allow=os/exec,net",
		`go engine=go trace="what to look for"`,
		"sh lines",
		`"" lines`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, info string) {
		o, err := ParseInfo(info)
		if err != nil {
			return
		}
		again, err := ParseInfo(info)
		if err != nil || !cmp.Equal(o, again) {
			t.Fatalf("ParseInfo(%q) is not stable: %+v then %+v, %v", info, o, again, err)
		}
		// Invalid UTF-8 comes back as U+FFFD, which is fine in an info string.
		if !strings.Contains(info, `"`) && utf8.ValidString(info) {
			if w := strings.FieldsFunc(info, func(r rune) bool { return r == ' ' || r == '\t' }); len(w) > 0 && o.Lang != w[0] {
				t.Errorf("ParseInfo(%q).Lang = %q, want the first word %q", info, o.Lang, w[0])
			}
		}
		if strings.Contains(o.Lang, "=") {
			t.Errorf("ParseInfo(%q).Lang = %q holds an option", info, o.Lang)
		}
		for i, n := range o.Highlight {
			if n < 1 || (i > 0 && n <= o.Highlight[i-1]) {
				t.Fatalf("ParseInfo(%q).Highlight = %v, want sorted, unique, positive line numbers", info, o.Highlight)
			}
		}
		if o.Timeout < 0 {
			t.Errorf("ParseInfo(%q).Timeout = %v", info, o.Timeout)
		}
		switch o.Expect.Kind {
		case "", "panic", "timeout", "deadlock", "compile-error":
			if o.Expect.ExitCode != 0 {
				t.Errorf("ParseInfo(%q).Expect = %+v", info, o.Expect)
			}
		case "exit":
			if o.Expect.ExitCode < 1 || o.Expect.ExitCode > 255 {
				t.Errorf("ParseInfo(%q).Expect = %+v", info, o.Expect)
			}
		default:
			t.Errorf("ParseInfo(%q).Expect.Kind = %q", info, o.Expect.Kind)
		}
		if o.Engine != "" && o.Engine != Yaegi && o.Engine != Go {
			t.Errorf("ParseInfo(%q).Engine = %q", info, o.Engine)
		}
		if (len(o.Flags) > 0 || o.Vet || o.Trace) && o.Engine != Go {
			t.Errorf("ParseInfo(%q) accepted flags or vet without engine=go: %+v", info, o)
		}
		if o.Lang != "go" && (o.NoRun || o.Engine != "" || o.Timeout != 0 || o.Expect.Kind != "" || o.Varies || len(o.Flags) > 0 || o.Vet || len(o.Allow) > 0 || o.Trace) {
			t.Errorf("ParseInfo(%q) accepted execution options on a %q block: %+v", info, o.Lang, o)
		}
		if o.TraceCaption != "" && !o.Trace {
			t.Errorf("ParseInfo(%q) has a trace caption without trace: %+v", info, o)
		}
		for _, p := range o.Allow {
			if p == "" || p != strings.TrimSpace(p) {
				t.Errorf("ParseInfo(%q).Allow = %q", info, o.Allow)
			}
		}
		// Written back, the options parse to themselves.
		canon := format(o)
		back, err := ParseInfo(canon)
		if err != nil {
			t.Fatalf("ParseInfo(%q) = %+v, written back as %q it fails: %v", info, o, canon, err)
		}
		if diff := cmp.Diff(o, back, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("ParseInfo(%q) written back as %q parses differently (-first +second):\n%s", info, canon, diff)
		}
	})
}

// format writes options as an info string, every word quoted.
func format(o Options) string {
	words := []string{o.Lang}
	add := func(on bool, w string) {
		if on {
			words = append(words, w)
		}
	}
	add(o.Title != "", "title="+o.Title)
	add(o.Lines, "lines")
	if len(o.Highlight) > 0 {
		var hl []string
		for _, n := range o.Highlight {
			hl = append(hl, strconv.Itoa(n))
		}
		add(true, "hl="+strings.Join(hl, ","))
	}
	add(o.NoRun, "norun")
	add(o.Engine != "", "engine="+string(o.Engine))
	add(o.Timeout != 0, "timeout="+o.Timeout.String())
	add(o.Expect.Kind != "", "expect="+o.Expect.String())
	add(o.Varies, "output=varies")
	add(len(o.Flags) > 0, "flags="+strings.Join(o.Flags, " "))
	add(o.Vet, "vet")
	add(len(o.Allow) > 0, "allow="+strings.Join(o.Allow, ","))
	add(o.Trace && o.TraceCaption == "", "trace")
	add(o.TraceCaption != "", "trace="+o.TraceCaption)
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	return strings.Join(words, " ")
}
