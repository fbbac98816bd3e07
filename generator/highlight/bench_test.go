package highlight

import (
	"bytes"
	"go/build"
	"os"
	"path/filepath"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// benchInputs are a 40-line block like a lesson's (testdata/block.txt) and
// a large file of the standard library (net/http/server.go, 4,000 lines).
func benchInputs(b *testing.B) map[string]string {
	block, err := os.ReadFile(filepath.Join("testdata", "block.txt"))
	if err != nil {
		b.Fatal(err)
	}
	large, err := os.ReadFile(filepath.Join(build.Default.GOROOT, "src", "net", "http", "server.go"))
	if err != nil {
		b.Fatal(err)
	}
	return map[string]string{"block40": string(block), "large": string(large)}
}

// BenchmarkGoLexer compares chroma's Go lexer with ours, tokenising alone.
func BenchmarkGoLexer(b *testing.B) {
	inputs := benchInputs(b)
	for _, in := range []string{"block40", "large"} {
		for _, lx := range []struct {
			name  string
			lexer chroma.Lexer
		}{{"chroma", lexers.Go}, {"goscanner", goLexer{}}} {
			b.Run(in+"/"+lx.name, func(b *testing.B) {
				src := inputs[in]
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					it, err := lx.lexer.Tokenise(nil, src)
					if err != nil {
						b.Fatal(err)
					}
					it.Tokens()
				}
			})
		}
	}
}

// BenchmarkCode is what a page pays per block: lexing, folding white space
// and writing HTML, with chroma alone (its lexer and formatter) and ours.
func BenchmarkCode(b *testing.B) {
	src := benchInputs(b)["block40"]
	for _, lx := range []struct {
		name string
		opts Options
	}{{"chroma", Options{Stock: true}}, {"goscanner", Options{}}} {
		b.Run("block40/"+lx.name, func(b *testing.B) {
			var out bytes.Buffer
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				out.Reset()
				if err := Code(&out, src, "go", lx.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFormat compares chroma's HTML formatter with writeHTML, which
// writes the same bytes, on the tokens of a 40-line block.
func BenchmarkFormat(b *testing.B) {
	tokens := plainSpace(goTokens(benchInputs(b)["block40"]))
	opts := Options{LineNumbers: true, Highlight: []int{3, 4}}
	for _, f := range []struct {
		name  string
		write func(testing.TB, []chroma.Token, Options) string
	}{{"chroma", stockHTML}, {"ours", ourHTML}} {
		b.Run("block40/"+f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				f.write(b, tokens, opts)
			}
		})
	}
}
