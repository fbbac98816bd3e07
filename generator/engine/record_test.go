package engine

import (
	"slices"
	"testing"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		final bool
		text  string
		rest  string
	}{
		{"plain text kept exactly", "a b  \n\n\t\r", false, "a b  \n\n\t\r", ""},
		{"CSI colour", "\x1b[1;31mred\x1b[0m", false, "red", ""},
		{"CSI cursor with intermediate", "a\x1b[?25lb\x1b[2 qc", false, "abc", ""},
		{"OSC ended by BEL", "\x1b]0;title\x07text", false, "text", ""},
		{"OSC ended by ST", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", false, "link", ""},
		{"two-byte escape", "\x1bcreset", false, "reset", ""},
		{"charset escape", "\x1b(Bx", false, "x", ""},
		{"invalid UTF-8", "a\xffb\xc3(", false, "a\uFFFDb\uFFFD(", ""},
		{"valid multibyte", "é世界🙂", false, "é世界🙂", ""},
		{"split rune held back", "ab\xe4\xb8", false, "ab", "\xe4\xb8"},
		{"split rune at the end", "ab\xe4\xb8", true, "ab\uFFFD\uFFFD", ""},
		{"split CSI held back", "ab\x1b[3", false, "ab", "\x1b[3"},
		{"lone ESC held back", "ab\x1b", false, "ab", "\x1b"},
		{"unfinished CSI at the end loses its ESC", "ab\x1b[3", true, "ab[3", ""},
		{"unfinished OSC at the end", "ab\x1b]0;t", true, "ab]0;t", ""},
		{"ESC before a control", "a\x1b\nb", false, "a\nb", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, rest := clean([]byte(tt.in), tt.final)
			if text != tt.text || string(rest) != tt.rest {
				t.Errorf("clean(%q, %v) = %q, %q; want %q, %q", tt.in, tt.final, text, rest, tt.text, tt.rest)
			}
		})
	}
}

func TestOutput(t *testing.T) {
	type write struct {
		s    Stream
		data string
	}
	out, errs := Stdout, Stderr
	tests := []struct {
		name   string
		limit  int
		writes []write
		want   []Event
		full   bool
	}{{
		name:   "consecutive writes merge",
		limit:  100,
		writes: []write{{out, "a"}, {out, "b"}, {errs, "c"}, {out, "d"}},
		want:   []Event{{Stream: out, Text: "ab"}, {Stream: errs, Text: "c"}, {Stream: out, Text: "d"}},
	}, {
		name:   "rune split across reads, other stream between",
		limit:  100,
		writes: []write{{out, "x\xe2\x82"}, {errs, "E"}, {out, "\xacy"}},
		want:   []Event{{Stream: out, Text: "x"}, {Stream: errs, Text: "E"}, {Stream: out, Text: "€y"}},
	}, {
		name:   "escape split across reads",
		limit:  100,
		writes: []write{{out, "a\x1b["}, {out, "31mb"}},
		want:   []Event{{Stream: out, Text: "ab"}},
	}, {
		name:   "limit counts both streams",
		limit:  5,
		writes: []write{{out, "abc"}, {errs, "def"}, {out, "gh"}},
		want:   []Event{{Stream: out, Text: "abc"}, {Stream: errs, Text: "de"}},
		full:   true,
	}, {
		name:   "a rune cut by the limit is dropped",
		limit:  3,
		writes: []write{{out, "ab€"}},
		want:   []Event{{Stream: out, Text: "ab"}},
		full:   true,
	}, {
		name:   "unfinished rune at the end",
		limit:  100,
		writes: []write{{out, "ab\xe2\x82"}},
		want:   []Event{{Stream: out, Text: "ab\uFFFD\uFFFD"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := NewRecorder(tt.limit)
			for _, w := range tt.writes {
				o.Write(w.s, []byte(w.data))
			}
			res := o.Result()
			if !slices.Equal(res.Events, tt.want) || o.Full() != tt.full {
				t.Errorf("events %q, full %v; want %q, full %v", res.Events, o.Full(), tt.want, tt.full)
			}
		})
	}
}
