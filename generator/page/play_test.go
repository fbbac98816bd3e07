package page

import (
	"strings"
	"testing"

	"github.com/gonotes/concurrency/generator/snippet"
)

func TestPlay(t *testing.T) {
	prog := "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(1)\n}\n"
	hidden := strings.Replace(prog, `import "fmt"`, `import "fmt" // hide`, 1)
	unordered := strings.Replace(prog, "fmt.Println(1)\n", "fmt.Println(1)\n\t// Unordered output:\n\t// 1\n", 1)
	tests := []struct {
		info, body string
		want       *playData
		noPlay     string
	}{
		{"go", prog, &playData{Source: prog, Timeout: 10000}, ""},
		{"go timeout=2s allow=path/filepath,reflect", prog, &playData{Source: prog, Timeout: 2000, Allow: "path/filepath,reflect"}, ""},
		{"go", hidden, &playData{Source: prog, Shown: "1,2,4,5,6,7", Timeout: 10000}, ""},
		{"go", unordered, &playData{Source: unordered, Timeout: 10000, Unordered: true}, ""},
		{"go norun", prog, nil, ""},
		{"go", "package main\n\nfunc helper() {}\n", nil, ""},
		{"go engine=go", prog, nil, "This program runs with the Go toolchain (engine=go): it shows what only compiled Go does, such as its timings, its memory or its own runtime errors. It cannot run in your browser."},
		{"go engine=go flags=-race", prog, nil, "This program runs under the race detector, which needs the Go toolchain. It cannot run in your browser."},
		{"go engine=go vet expect=exit=1", prog, nil, "This is go vet's report, which needs the Go toolchain. It cannot run in your browser."},
	}
	for _, tt := range tests {
		s, err := snippet.New("content/x.md", 1, tt.info, tt.body)
		if err != nil {
			t.Fatalf("%s: %v", tt.info, err)
		}
		got := play(s)
		switch {
		case (got == nil) != (tt.want == nil):
			t.Errorf("%s: play() = %+v, want %+v", tt.info, got, tt.want)
		case got != nil && *got != *tt.want:
			t.Errorf("%s: play() = %+v, want %+v", tt.info, *got, *tt.want)
		}
		if n := noPlay(s); n != tt.noPlay {
			t.Errorf("%s: noPlay() = %q, want %q", tt.info, n, tt.noPlay)
		}
	}
}
