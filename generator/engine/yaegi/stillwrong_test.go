package yaegi_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/runner"
	"github.com/gonotes/concurrency/generator/snippet"
)

var update = flag.Bool("update", false, "rewrite the yaegi and go sections of testdata/stillwrong/*.txtar, and README's list of them")

// StillWrong is one way in which a program the yaegi engine runs still
// behaves unlike go run, after the rewrite: testdata/stillwrong/NAME.txtar,
// whose comment is a one-line description (README lists them), with a
// main.go and what it does under yaegi and under go run (sections yaegi and
// go, rewritten by -update). These cases are the one list of what yaegi
// gets wrong; package hazard recognises each of them in a program.
type stillWrong struct {
	name, file  string
	description string
	archive     *txtar.Archive
}

func stillWrongCases(t *testing.T) []stillWrong {
	t.Helper()
	files, err := filepath.Glob("testdata/stillwrong/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/stillwrong: %v", err)
	}
	var cases []stillWrong
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		desc := strings.TrimSpace(string(ar.Comment))
		if desc == "" || strings.Contains(desc, "\n") {
			t.Errorf("%s: the comment must be a one-line description, not %q", file, desc)
		}
		cases = append(cases, stillWrong{strings.TrimSuffix(filepath.Base(file), ".txtar"), file, desc, ar})
	}
	return cases
}

// TestStillWrong runs every case under yaegi and under go run, as the
// build does, and checks that they still differ as recorded. When yaegi
// comes to agree with Go, the case fails even with -update: delete it, and
// run go test -update to rewrite README's list.
func TestStillWrong(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run")
	}
	for _, c := range stillWrongCases(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			src := section(c.archive, "main.go")
			got := outcomeText(run(t, snippet.Yaegi, src))
			want := outcomeText(run(t, snippet.Go, src))
			if got == want {
				t.Fatalf("yaegi now agrees with go run:\n%s", got)
			}
			if *update {
				setSection(c.archive, "yaegi", got)
				setSection(c.archive, "go", want)
				if err := os.WriteFile(c.file, txtar.Format(c.archive), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want != section(c.archive, "go") {
				t.Errorf("go run prints (go test -update to accept):\n%s", want)
			}
			if got != section(c.archive, "yaegi") {
				t.Errorf("yaegi prints (go test -update to accept):\n%s", got)
			}
		})
	}
}

// readme is where the list of what yaegi still gets wrong is shown.
const readme = "../../../README.md"

// listMarkers bound README's list of the cases.
const (
	listStart = "<!-- stillwrong: the descriptions of generator/engine/yaegi/testdata/stillwrong, kept by its tests -->\n"
	listEnd   = "<!-- end of stillwrong -->\n"
)

// TestStillWrongListed checks that README lists exactly the cases'
// descriptions, in the order of their files; -update rewrites the list.
func TestStillWrongListed(t *testing.T) {
	var list strings.Builder
	for _, c := range stillWrongCases(t) {
		list.WriteString("- " + c.description + "\n")
	}
	b, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	start, end := strings.Index(doc, listStart), strings.Index(doc, listEnd)
	if start < 0 || end < start {
		t.Fatalf("README.md has no list between %q and %q", listStart, listEnd)
	}
	current := doc[start+len(listStart) : end]
	if current == list.String() {
		return
	}
	if *update {
		doc = doc[:start+len(listStart)] + list.String() + doc[end:]
		if err := os.WriteFile(readme, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's list of what yaegi still gets wrong is not the cases' (go test -update to rewrite it):\n%s\nwant:\n%s", current, list.String())
}

// hexNumber matches the addresses a program may print, and goroutineNumber
// the number of a goroutine other than main's in a trace: both differ from
// run to run.
var (
	hexNumber       = regexp.MustCompile(`0x[0-9a-f]+`)
	goroutineNumber = regexp.MustCompile(`goroutine (?:[2-9]|\d\d+) \[`)
)

// outcomeText spells how a run ended for a txtar section: the outcome and
// exit status, why the engine's report is not Go's when it says so, then
// the output streams with each line indented, so that every byte shows.
// Standard error is cut as pages show it (engine.CutStderr), addresses
// become 0x? and the numbers of goroutines other than main's N.
func outcomeText(res engine.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, exit %d\n", res.Outcome, res.ExitCode)
	if res.Unsure != "" {
		fmt.Fprintf(&b, "unsure: %s\n", res.Unsure)
	}
	for _, stream := range []struct{ name, data string }{
		{"stdout", res.Stdout()},
		{"stderr", engine.CutStderr(res.Stderr())},
	} {
		if stream.data == "" {
			continue
		}
		b.WriteString(stream.name + ":\n")
		data := goroutineNumber.ReplaceAllString(hexNumber.ReplaceAllString(stream.data, "0x?"), "goroutine N [")
		data, final := strings.CutSuffix(data, "\n")
		for _, line := range strings.Split(data, "\n") {
			b.WriteString("\t" + line + "\n")
		}
		if !final {
			b.WriteString("(no newline at the end)\n")
		}
	}
	return b.String()
}

// section returns the text of the file of ar named name.
func section(ar *txtar.Archive, name string) string {
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

// runFor is run with a time limit, for the cases that hang.
func runFor(t *testing.T, eng snippet.Engine, src string, limit time.Duration) engine.Result {
	t.Helper()
	res, err := testRunner.Run(t.Context(), runner.Request{Engine: eng, Source: src, Timeout: limit})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
