// Package markdown is the one place that configures goldmark: the Markdown
// dialect of lessons (GFM, footnotes, typographer, front matter, heading IDs),
// the nodes the generator adds to a parsed document, and how they render.
//
// Parsing and rendering are two calls so that the stages in between can
// resolve links and run snippets by changing the AST.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	stdhtml "html"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/gonotes/concurrency/generator/suggest"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/frontmatter"
	"gopkg.in/yaml.v3"
)

// CodeRenderer writes the HTML of a code block.
type CodeRenderer func(w util.BufWriter, b *CodeBlock) error

// Markdown parses and renders lessons.
type Markdown struct {
	md goldmark.Markdown
}

// New returns the lesson dialect. code renders the CodeBlock nodes that the
// generator puts in place of fenced blocks; it may be nil when only parsing.
func New(code CodeRenderer) *Markdown {
	table := funcs{}
	extension.NewTableHTMLRenderer().RegisterFuncs(table)
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.Typographer,
			&frontmatter.Extender{Formats: []frontmatter.Format{strictYAML}},
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(figureTransformer{}, 100), util.Prioritized(taskTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(
			// Authors' raw HTML passes through; program output never goes
			// through goldmark, so this does not let it reach a page raw.
			html.WithUnsafe(),
			renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{code: code, tableCell: table[east.KindTableCell]}, 100)),
		),
	)
	return &Markdown{md: md}
}

// Document is a parsed lesson.
type Document struct {
	Source []byte
	Root   ast.Node
	// frontMatter is the raw YAML between the --- lines, nil when absent.
	frontMatter *frontmatter.Data
}

// Parse parses a lesson's source.
func (m *Markdown) Parse(src []byte) *Document {
	ctx := parser.NewContext()
	root := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	return &Document{Source: src, Root: root, frontMatter: frontmatter.Get(ctx)}
}

// DecodeFrontMatter decodes the front matter into dst, rejecting unknown keys.
// It reports false when the document has none. Errors name the line in the file.
func (d *Document) DecodeFrontMatter(dst any) (bool, error) {
	if d.frontMatter == nil {
		return false, nil
	}
	if err := d.frontMatter.Decode(dst); err != nil {
		return true, frontMatterError(err, yamlKeys(dst))
	}
	return true, nil
}

// yamlKeys lists the keys a struct (or pointer to one) takes in YAML.
func yamlKeys(dst any) []string {
	t := reflect.TypeOf(dst)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	for f := range t.Fields() {
		if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	return keys
}

// Render writes the HTML of a document.
func (m *Markdown) Render(w io.Writer, d *Document) error {
	return m.md.Renderer().Render(w, d.Source, d.Root)
}

// LineError is an error at a line of a Markdown file.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

var strictYAML = frontmatter.Format{
	Name:  "YAML",
	Delim: '-',
	Unmarshal: func(b []byte, v any) error {
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true)
		if err := dec.Decode(v); err != nil && err != io.EOF {
			return err
		}
		return nil
	},
}

var (
	yamlLine     = regexp.MustCompile(`line (\d+): `)
	unknownField = regexp.MustCompile(`field (\S+) not found in type \S+`)
)

// frontMatterError turns yaml's line numbers into lines of the file, whose
// first YAML line is line 2. yaml.v3 reports type errors and scanner errors
// on 1-based lines, parser errors on 0-based ones, and leaves out "line 0",
// which is the first line either way. An unknown key is named with the
// known ones, in the author's words rather than yaml's.
func frontMatterError(err error, known []string) error {
	msg := err.Error()
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		msg = strings.Replace(msg, m[0], fmt.Sprintf("unknown key %q (known: %s)%s",
			m[1], strings.Join(known, ", "), suggest.DidYouMean(m[1], known)), 1)
		msg = strings.Replace(msg, "yaml: unmarshal errors:\n  ", "", 1)
	}
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return &LineError{Line: 2, Err: fmt.Errorf("front matter: %s", msg)}
	}
	n, _ := strconv.Atoi(m[1])
	msg = yamlLine.ReplaceAllString(msg, "")
	var typeErr *yaml.TypeError
	if !errors.As(err, &typeErr) && isParserProblem(msg) {
		n++
	}
	return &LineError{Line: n + 1, Err: fmt.Errorf("front matter: %s", msg)}
}

// isParserProblem tells yaml.v3's parser errors from its scanner errors by
// their wording (from yaml.v3's parserc.go).
func isParserProblem(msg string) bool {
	for _, p := range []string{"did not find expected key", "did not find expected ',' or", "did not find expected node content",
		"did not find expected '-' indicator", "did not find expected <document start>"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// Text is the plain text of a node's inline content, as a reader reads it:
// entities the typographer left (&rsquo;) are decoded, and a soft line
// break is a space.
func Text(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(stdhtml.UnescapeString(string(c.Value)))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// RenderInline returns the HTML of a node's children, such as the text of a
// heading without the heading itself.
func (m *Markdown) RenderInline(d *Document, n ast.Node) (string, error) {
	var b bytes.Buffer
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if err := m.md.Renderer().Render(&b, d.Source, c); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}
