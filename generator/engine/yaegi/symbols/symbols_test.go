package symbols

import (
	"slices"
	"strings"
	"testing"
)

func TestLesson(t *testing.T) {
	got := Lesson()
	for _, want := range []string{"fmt", "sync", "sync/atomic", "context", "time", "os", "slices", "maps", "cmp", "math/rand/v2", "iter", "encoding/base64", "net/url", "flag"} {
		if !slices.Contains(got, want) {
			t.Errorf("Lesson() lacks %s", want)
		}
	}
	for _, bad := range []string{"net", "net/http", "os/exec", "os/user", "syscall", "unsafe"} {
		if slices.Contains(got, bad) {
			t.Errorf("Lesson() has %s", bad)
		}
	}
	if !slices.IsSorted(got) {
		t.Errorf("Lesson() is not sorted: %v", got)
	}
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name      string
		allow     []string
		osHas     []string
		osLacks   []string
		otherKeys []string
	}{
		{"lesson os", nil, []string{"Args", "Getenv", "ErrNotExist"},
			[]string{"Exit", "WriteFile", "Create", "OpenFile", "RemoveAll", "StartProcess", "Chdir", "Hostname", "Stdout", "File"}, nil},
		{"full os", []string{"os", "os/exec", "fmt"}, []string{"WriteFile", "OpenFile", "File"},
			[]string{"Exit", "FindProcess", "Stdout"}, []string{"os/exec/exec"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exports, err := Load(tt.allow)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range tt.osHas {
				if _, ok := exports["os/os"][name]; !ok {
					t.Errorf("os lacks %s", name)
				}
			}
			for _, name := range tt.osLacks {
				if _, ok := exports["os/os"][name]; ok {
					t.Errorf("os has %s", name)
				}
			}
			for _, key := range append([]string{"fmt/fmt", "math/rand/v2/rand", "."}, tt.otherKeys...) {
				if _, ok := exports[key]; !ok {
					t.Errorf("no table %s", key)
				}
			}
		})
	}
	if _, err := Load([]string{"net"}); err == nil || !strings.Contains(err.Error(), `"net" cannot be opted into`) {
		t.Errorf("Load(net) = %v", err)
	}
}

// TestTablesAreFresh checks that a caller may change its copy.
func TestTablesAreFresh(t *testing.T) {
	a, _ := LessonTable("fmt")
	delete(a, "Println")
	if b, _ := LessonTable("fmt"); !b["Println"].IsValid() {
		t.Error("LessonTable returned a shared map")
	}
}
