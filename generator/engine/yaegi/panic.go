package yaegi

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"strconv"
	"strings"
)

// report writes to stderr what Go's runtime prints when a panic ends the
// program: the value, then main's goroutine with the program's own frames.
func (r *run) report(v any, file *ast.File, fset *token.FileSet) {
	text, kind := panicText(v)
	var b strings.Builder
	b.WriteString("panic: ")
	b.WriteString(strings.ReplaceAll(text, "\n", "\n\t")) // as the runtime's printindented
	b.WriteString("\n\ngoroutine 1 [running]:\n")
	for _, f := range mainFrames(r.tracer.sequences(), file, fset, kind) {
		fmt.Fprintf(&b, "%s(...)\n\t%s:%d\n", f.name, sourceName, f.line)
	}
	r.stderr.Write([]byte(b.String()))
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
