package yaegi

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the yaegi and go sections of testdata/stillwrong/*.txtar")

// TestStillWrong pins every known way in which a program run by Run, after
// the rewrite to Go 1.22+ semantics, still behaves unlike go run. Each
// testdata/stillwrong/*.txtar holds a one-line description of the
// difference (the archive's comment), a main.go, and what it prints under
// yaegi and under go run (sections yaegi and go, rewritten by -update).
// The two must differ: when yaegi comes to agree with Go, the case fails
// even with -update; then delete it and its entry in the package doc and
// in README's Engines section.
func TestStillWrong(t *testing.T) {
	t.Parallel()
	// yaegi reports some crashes through the standard library's logger.
	log.SetOutput(io.Discard)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	files, err := filepath.Glob("testdata/stillwrong/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/stillwrong: %v", err)
	}
	archives := make([]*txtar.Archive, len(files))
	srcs := make([]string, len(files))
	for i, file := range files {
		if archives[i], err = txtar.ParseFile(file); err != nil {
			t.Fatal(err)
		}
		srcs[i] = sectionText(archives[i], "main.go")
	}
	goOuts := goOutcomes(t, srcs)
	for i, file := range files {
		ar := archives[i]
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			if len(strings.TrimSpace(string(ar.Comment))) == 0 {
				t.Errorf("%s: no description", file)
			}
			got := normalize(yaegiOutcome(srcs[i], 2*time.Second)).text()
			want := normalize(goOuts[i]).text()
			if got == want {
				t.Fatalf("yaegi now agrees with go run:\n%s", got)
			}
			if *update {
				setSection(ar, "yaegi", got)
				setSection(ar, "go", want)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want != sectionText(ar, "go") {
				t.Errorf("go run prints (go test -update to accept):\n%s", want)
			}
			if got != sectionText(ar, "yaegi") {
				t.Errorf("yaegi prints (go test -update to accept):\n%s", got)
			}
		})
	}
}

// sectionText returns the text of the file of ar named name.
func sectionText(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

// setSection sets the text of the file of ar named name, adding the file
// if there is none.
func setSection(ar *txtar.Archive, name, text string) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = []byte(text)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(text)})
}

// text spells o for a txtar section: the exit status (or that the program
// was still running), then the output streams with each line indented, so
// that every byte shows.
func (o outcome) text() string {
	var b strings.Builder
	if o.code == -1 {
		b.WriteString("still running\n")
	} else {
		fmt.Fprintf(&b, "exit %d\n", o.code)
	}
	for _, stream := range []struct{ name, data string }{{"stdout", o.stdout}, {"stderr", o.stderr}} {
		if stream.data == "" {
			continue
		}
		b.WriteString(stream.name + ":\n")
		data, final := strings.CutSuffix(stream.data, "\n")
		for _, line := range strings.Split(data, "\n") {
			b.WriteString("\t" + line + "\n")
		}
		if !final {
			b.WriteString("(no newline at the end)\n")
		}
	}
	return b.String()
}
