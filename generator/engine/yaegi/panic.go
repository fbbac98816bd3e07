package yaegi

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// report writes to stderr what Go's runtime prints when a panic ends the
// program, cut to the program's part (see engine.CutReport): the value,
// then main's goroutine with the program's frames. When the source does
// not tell the line of every frame, the program runs again to find them
// (locate), unless it took too long to panic. A report Go would not print
// as it is, or without frames, is flagged through Options.Unsure.
func (p *prepared) report(ctx context.Context, src string, v any, took time.Duration) {
	opts := p.run.opts
	text, kind := panicText(v)
	var b strings.Builder
	b.WriteString("panic: ")
	b.WriteString(strings.ReplaceAll(text, "\n", "\n\t")) // as the runtime's printindented
	b.WriteString("\n")
	var unsure []string
	if why := messageUnsure(v, text); why != "" {
		unsure = append(unsure, why)
	}
	frames, origin := mainFrames(p.run.tracer.sequences(), p.written, p.fset, kind)
	why := namesUnsure(frames)
	if why == "" && !allSure(frames) {
		if took < maxLocate {
			if opts.Panicked != nil {
				opts.Panicked(b.String())
			}
			if lines, ok := locate(ctx, src, opts, frameNames(frames), 2*took+500*time.Millisecond); ok {
				relocate(frames, lines, p.fset, kind, origin)
			}
		}
		if !allSure(frames) {
			why = "yaegi cannot tell the lines of the program's frames"
		}
	}
	if why == "" {
		b.WriteString("\ngoroutine 1 [running]:\n")
		for _, f := range frames {
			fmt.Fprintf(&b, "%s(...)\n\t%s:%d\n", f.name, sourceName, f.line)
		}
	} else {
		unsure = append(unsure, why)
	}
	p.run.stderr.Write([]byte(b.String()))
	if len(unsure) > 0 && opts.Unsure != nil {
		opts.Unsure(strings.Join(unsure, "; "))
	}
}

// allSure reports whether every frame is sure of its line (and there are
// frames).
func allSure(frames []frame) bool {
	for _, f := range frames {
		if !f.sure {
			return false
		}
	}
	return len(frames) > 0
}

// namesUnsure says why the frames cannot be named as Go names them, or
// returns "".
func namesUnsure(frames []frame) string {
	if len(frames) == 0 {
		return "yaegi cannot tell the program's frames"
	}
	for _, f := range frames {
		if !stableName(f) {
			return "Go names a closure after the functions the compiler inlined it into"
		}
	}
	return ""
}

// mainClosure matches the name of a closure written directly in main.main.
var mainClosure = regexp.MustCompile(`^main\.main\.func\d+$`)

// stableName reports whether Go names f's function as frames does
// whatever the compiler inlines: functions and methods keep their names,
// and so do the closures of main.main (which is never inlined); a closure
// elsewhere is named after the function it was inlined into, if it was,
// and numbered among that function's closures (main.main.(*store).put.func4).
func stableName(f frame) bool {
	return f.fn == nil || f.fn.lit == nil || mainClosure.MatchString(f.name)
}

// messageUnsure says why the first line of the report of a panic with
// value v, which reads text, is not what Go prints, or returns "".
func messageUnsure(v any, text string) string {
	switch {
	case text == "runtime error: index out of range" || text == "runtime error: slice bounds out of range":
		return "yaegi does not know the index and length Go prints"
	case text == "runtime error: invalid memory address or nil pointer dereference":
		return "yaegi does not print the [signal SIGSEGV ...] line Go prints"
	case strings.HasPrefix(text, "(") && strings.Contains(text, ") 0x"):
		return "Go prints the address of the panic's value, which differs in every run"
	}
	if rv, ok := v.(reflect.Value); ok {
		v = unwrap(rv)
	}
	if v != nil && reflect.TypeOf(v).PkgPath() == "" && reflect.TypeOf(v).Name() == "" && reflect.TypeOf(v).Kind() == reflect.Struct {
		return "yaegi names the program's types by their underlying type"
	}
	return ""
}

// panicText formats a panic value as the runtime's printpanicval does, after
// undoing how yaegi carries it, and tells which expression raised it.
//
// yaegi panics with the reflect.Value of the interpreted value, and values of
// types the program declares are carried as their underlying type: their
// Error and String methods are out of reach, and they print as that type
// would. Run-time errors that yaegi meets inside package reflect are
// translated back to Go's messages, without the index and length Go adds.
func panicText(v any) (string, siteKind) {
	if rv, ok := v.(reflect.Value); ok {
		v = unwrap(rv)
	}
	switch v := v.(type) {
	case nil:
		// What Go 1.21 and later panic with for panic(nil), in Go 1.26's words.
		return "panic called with nil argument", siteCall
	case *reflect.ValueError:
		if v.Kind == reflect.Invalid {
			return "runtime error: invalid memory address or nil pointer dereference", siteCall
		}
		return v.Error(), siteCall
	case error:
		msg := v.Error()
		if m := yaegiPos.FindStringIndex(msg); m != nil {
			// yaegi's own run-time errors, such as a failed type assertion,
			// start with a position.
			msg = msg[m[1]:]
		}
		return msg, errorSite(msg)
	case fmt.Stringer:
		return v.String(), siteCall
	case string:
		if msg, kind, ok := reflectPanic(v); ok {
			return msg, kind
		}
		return v, siteCall
	}
	return printValue(v), siteCall
}

// unwrap returns the value rv carries, or nil.
func unwrap(rv reflect.Value) any {
	for rv.IsValid() && rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if !rv.IsValid() || !rv.CanInterface() {
		return nil
	}
	return rv.Interface()
}

// reflectPanic translates the panics package reflect raises for yaegi into
// the run-time errors Go raises for the same mistakes.
func reflectPanic(s string) (string, siteKind, bool) {
	switch s {
	case "reflect: slice index out of range", "reflect: array index out of range", "reflect: string index out of range":
		return "runtime error: index out of range", siteIndex, true
	case "reflect.Value.Slice: slice index out of bounds", "reflect.Value.Slice3: slice index out of bounds",
		"reflect.Value.Slice: string slice index out of bounds":
		return "runtime error: slice bounds out of range", siteSlice, true
	case "reflect.MakeSlice: negative len":
		return "runtime error: makeslice: len out of range", siteMake, true
	case "reflect.MakeSlice: negative cap", "reflect.MakeSlice: len > cap":
		return "runtime error: makeslice: cap out of range", siteMake, true
	}
	return "", siteCall, false
}

// errorSite tells which expression raised a run-time error with message msg.
func errorSite(msg string) siteKind {
	switch {
	case strings.HasPrefix(msg, "interface conversion:"):
		return siteAssert
	case msg == "assignment to entry in nil map":
		return siteMapAssign
	case msg == "runtime error: integer divide by zero":
		return siteDivide
	case msg == "close of closed channel" || msg == "close of nil channel":
		return siteClose
	case msg == "send on closed channel":
		return siteSend
	case strings.HasPrefix(msg, "runtime error: index out of range"):
		return siteIndex
	}
	return siteCall
}

// printValue formats v as the runtime's printpanicval does for values that
// are neither errors nor Stringers.
func printValue(v any) string {
	rv := reflect.ValueOf(v)
	named := rv.Type().PkgPath() != ""
	var s string
	switch rv.Kind() {
	case reflect.Bool:
		s = strconv.FormatBool(rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s = strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		s = strconv.FormatUint(rv.Uint(), 10)
	case reflect.Float32:
		s = strconv.FormatFloat(rv.Float(), 'g', -1, 32)
	case reflect.Float64:
		s = strconv.FormatFloat(rv.Float(), 'g', -1, 64)
	case reflect.Complex64:
		s = strconv.FormatComplex(rv.Complex(), 'g', -1, 64)
	case reflect.Complex128:
		s = strconv.FormatComplex(rv.Complex(), 'g', -1, 128)
	case reflect.String:
		if named {
			return rv.Type().String() + `("` + rv.String() + `")`
		}
		return rv.String()
	default:
		// The runtime prints the address of the value; so do we, of a copy.
		p := reflect.New(rv.Type())
		p.Elem().Set(rv)
		return fmt.Sprintf("(%s) %#x", rv.Type(), p.Pointer())
	}
	if named && !strings.HasPrefix(s, "(") {
		return fmt.Sprintf("%s(%s)", rv.Type(), s)
	}
	if named {
		return rv.Type().String() + s
	}
	return s
}
