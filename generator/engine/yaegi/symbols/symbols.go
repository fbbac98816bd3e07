package symbols

import (
	_ "embed"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"

	"github.com/traefik/yaegi/interp"
)

// Lesson returns the import paths every lesson may use, sorted: the
// extracted lesson tables, the packages yaegi compiles from source, and
// iter, whose types generator/rewrite spells out (yaegi has no package
// iter).
func Lesson() []string {
	paths := append(lessonPaths(), Generic()...)
	paths = append(paths, "iter")
	slices.Sort(paths)
	return paths
}

// Generic returns the generic-only packages yaegi v0.16.1 compiles from its
// own copy of their Go 1.22 sources whenever package fmt is loaded (see
// interp.Use): they need no table, and they lack what Go added later, such
// as maps.Keys or slices.Sorted. Sources adds what slices misses.
func Generic() []string { return []string{"cmp", "maps", "slices"} }

// OptIn returns the import paths a block may opt into with allow=, sorted.
func OptIn() []string { return optInPaths() }

// Load returns fresh tables for the lesson set plus the opt-in packages in
// allow, keyed as interp.Use expects. An opt-in table replaces the lesson
// table of the same path, as the full os replaces the limited one. Load
// ignores lesson packages in allow and reports an error for other paths
// that are not opt-in packages.
func Load(allow []string) (interp.Exports, error) {
	exports := interp.Exports{}
	for _, path := range lessonPaths() {
		key, syms, _ := lessonTable(path)
		exports[key] = syms
	}
	for _, path := range allow {
		key, syms, ok := optInTable(path)
		if !ok && slices.Contains(Lesson(), path) {
			continue
		}
		if !ok {
			return nil, fmt.Errorf("package %q cannot be opted into", path)
		}
		exports[key] = syms
	}
	exports["."] = map[string]reflect.Value{"MapTypes": reflect.ValueOf(mapTypes())}
	return exports, nil
}

// LessonTable returns a fresh copy of the lesson table of path, or false
// when path has none.
func LessonTable(path string) (map[string]reflect.Value, bool) {
	_, syms, ok := lessonTable(path)
	return syms, ok
}

// OptInTable returns a fresh copy of the opt-in table of path, keyed as
// interp.Use expects, or false when path has none.
func OptInTable(path string) (key string, syms map[string]reflect.Value, ok bool) {
	return optInTable(path)
}

// mapTypes lists the interfaces yaegi must wrap an interpreted value in when
// it is passed to these functions, so that, say, fmt.Println calls the
// interpreted String method. It follows yaegi's stdlib/maptypes.go.
func mapTypes() map[reflect.Value][]reflect.Type {
	printing := []reflect.Type{
		reflect.TypeFor[fmt.Formatter](),
		reflect.TypeFor[fmt.Stringer](),
	}
	m := map[reflect.Value][]reflect.Type{}
	for _, f := range []any{
		fmt.Errorf, fmt.Fprint, fmt.Fprintf, fmt.Fprintln, fmt.Print, fmt.Printf, fmt.Println,
		fmt.Sprint, fmt.Sprintf, fmt.Sprintln, fmt.Append, fmt.Appendf, fmt.Appendln,
	} {
		m[reflect.ValueOf(f)] = printing
	}
	for _, f := range []any{fmt.Scan, fmt.Scanf, fmt.Scanln, fmt.Fscan, fmt.Fscanf, fmt.Fscanln, fmt.Sscan, fmt.Sscanf, fmt.Sscanln} {
		m[reflect.ValueOf(f)] = []reflect.Type{reflect.TypeFor[fmt.Scanner]()}
	}
	m[reflect.ValueOf(json.Marshal)] = []reflect.Type{reflect.TypeFor[json.Marshaler](), reflect.TypeFor[encoding.TextMarshaler]()}
	m[reflect.ValueOf(json.MarshalIndent)] = m[reflect.ValueOf(json.Marshal)]
	m[reflect.ValueOf(json.Unmarshal)] = []reflect.Type{reflect.TypeFor[json.Unmarshaler](), reflect.TypeFor[encoding.TextUnmarshaler]()}
	return m
}

//go:embed slices_sort.go.txt
var slicesSort string

// Sources returns Go sources to compile after the tables are loaded: the
// sorting and searching functions of package slices, which yaegi's own
// copy of the package lacks.
func Sources() []string { return []string{slicesSort} }
