package highlight

import (
	"fmt"
	"go/build"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// deliberate lists every way our Go lexer may class a token differently
// from chroma's; TestGoLexerMatchesChroma fails on any other difference.
// Each says why, and which tokens it covers.
var deliberate = []struct {
	why    string
	covers func(tok token.Token, text string) bool
}{
	{
		// Chroma's number patterns predate Go 1.13's literals: it reads
		// 0o17 as 0 and the name o17, 0B1 as 0 and B1, 0x1p-2 as 0x1, p,
		// - and 2, 1_000.5 as 1_000 and .5, 1e3i as 1e3 and i. We class
		// the whole literal as what it is (0o17 octal, 0x1p-2 a float,
		// any imaginary literal a number), and chroma's class wherever its
		// patterns read a literal whole.
		why: "number literals chroma's patterns split",
		covers: func(tok token.Token, text string) bool {
			return (tok == token.INT || tok == token.FLOAT || tok == token.IMAG) && !chromaReadsWhole(text)
		},
	},
}

// chromaNumbers are chroma's number rules (lexers/go.go), in its order.
var chromaNumbers = func() []*regexp.Regexp {
	var res []*regexp.Regexp
	for _, p := range []string{
		`\d+i`, `\d+\.\d*([Ee][-+]\d+)?i`, `\.\d+([Ee][-+]\d+)?i`, `\d+[Ee][-+]\d+i`,
		`\d+(\.\d+[eE][+\-]?\d+|\.\d*|[eE][+\-]?\d+)`, `\.\d+([eE][+\-]?\d+)?`,
		`0[0-7]+`, `0[xX][0-9a-fA-F_]+`, `0b[01_]+`, `(0|[1-9][0-9_]*)`,
	} {
		res = append(res, regexp.MustCompile(`^(?:`+p+`)`))
	}
	return res
}()

// chromaReadsWhole reports whether chroma reads a number literal as one
// token: the first of its rules that matches at all matches all of it.
func chromaReadsWhole(text string) bool {
	for _, re := range chromaNumbers {
		if m := re.FindString(text); m != "" {
			return len(m) == len(text)
		}
	}
	return false
}

// byteClasses gives every byte of the text the class of its token.
func byteClasses(tokens []chroma.Token) []chroma.TokenType {
	var c []chroma.TokenType
	for _, t := range tokens {
		for range len(t.Value) {
			c = append(c, t.Type)
		}
	}
	return c
}

func chromaClasses(t *testing.T, src string) []chroma.TokenType {
	t.Helper()
	it, err := lexers.Go.Tokenise(nil, src)
	if err != nil {
		t.Fatal(err)
	}
	return byteClasses(it.Tokens())
}

// goSample is every 50th Go file of the standard library in name order
// (about 200 files, 60,000 lines), leaving out testdata folders, which hold
// deliberately broken Go.
func goSample(t *testing.T) []string {
	root := filepath.Join(build.Default.GOROOT, "src")
	var all []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") {
			all = append(all, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(all)
	var sample []string
	for i := 0; i < len(all); i += 50 {
		sample = append(sample, all[i])
	}
	return sample
}

// TestGoLexerMatchesChroma runs both lexers over real Go and compares the
// class of every byte: the sample of the standard library, and
// testdata/edges.txt, which has every kind of token in every form.
func TestGoLexerMatchesChroma(t *testing.T) {
	files := append(goSample(t), filepath.Join("testdata", "edges.txt"))
	seen := make([]int, len(deliberate))
	checked, lines := 0, 0
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		if !utf8.ValidString(src) || strings.Contains(src, "\r") {
			continue // chroma rewrites these before lexing, so bytes would not line up
		}
		checked++
		lines += strings.Count(src, "\n")
		ours, theirs := byteClasses(goTokens(src)), chromaClasses(t, src)
		if len(ours) != len(src) || len(theirs) != len(src) {
			t.Fatalf("%s: %d bytes, our tokens hold %d, chroma's %d", p, len(src), len(ours), len(theirs))
		}
		// chroma's regexps give up after 250 ms of wall time, which a
		// loaded machine can reach; a real difference shows twice.
		u, explained := unexplained(src, ours, theirs)
		if len(u) > 0 {
			theirs = chromaClasses(t, src)
			u, explained = unexplained(src, ours, theirs)
		}
		for i, n := range explained {
			seen[i] += n
		}
		for i, d := range u {
			if i == 10 {
				t.Errorf("%s: and %d more", p, len(u)-i)
				break
			}
			t.Errorf("%s:%s: %q is %v to chroma, %v to us", p, position(src, d.at), src[d.start:d.end], theirs[d.at], ours[d.at])
		}
	}
	if checked < 100 {
		t.Errorf("compared only %d files", checked)
	}
	t.Logf("compared %d files, %d lines", checked, lines)
	for i, d := range deliberate {
		if seen[i] == 0 {
			t.Errorf("the deliberate difference %q never occurred; drop it from the list", d.why)
		}
		t.Logf("%d tokens: %s", seen[i], d.why)
	}
}

// difference is a token of ours whose bytes chroma classes otherwise.
type difference struct {
	tok        token.Token // token.ILLEGAL for white space between tokens
	start, end int         // the token
	at         int         // its first byte that differs
}

func differences(src string, ours, theirs []chroma.TokenType) []difference {
	ls := scan(src)
	var ds []difference
	for i := 0; i < len(src); i++ {
		if ours[i] == theirs[i] {
			continue
		}
		d := difference{tok: token.ILLEGAL, start: i, end: i + 1, at: i}
		if k := sort.Search(len(ls), func(k int) bool { return ls[k].end > i }); k < len(ls) && ls[k].start <= i {
			d.tok, d.start, d.end = ls[k].tok, ls[k].start, ls[k].end
		}
		ds = append(ds, d)
		i = d.end - 1
	}
	return ds
}

// unexplained returns the differences no deliberate one explains, and how
// many tokens each deliberate one explained.
func unexplained(src string, ours, theirs []chroma.TokenType) ([]difference, []int) {
	var u []difference
	explained := make([]int, len(deliberate))
	for _, d := range differences(src, ours, theirs) {
		if i := explain(d.tok, src[d.start:d.end]); i >= 0 {
			explained[i]++
		} else {
			u = append(u, d)
		}
	}
	return u, explained
}

// explain returns the index of the deliberate difference covering a token, or -1.
func explain(tok token.Token, text string) int {
	for i, d := range deliberate {
		if d.covers(tok, text) {
			return i
		}
	}
	return -1
}

func position(src string, at int) string {
	return fmt.Sprintf("%d:%d", strings.Count(src[:at], "\n")+1, at-strings.LastIndexByte(src[:at], '\n'))
}
