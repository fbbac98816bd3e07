package rewrite

// A helper is a function the rewritten program calls in place of a
// builtin or a standard library function that yaegi lacks. Its source is
// appended after the program's last line, so it moves no line. yaegi's
// generics handle type parameters on plain []E and map[K]V parameters but
// not the S ~[]E form the standard library uses, hence the signatures.
type helper struct {
	src     string
	imports []string // paths, imported as namePrefix + last element
	deps    []string // other helpers it calls
}

// lookupHelper returns the named helper; the names are those the passes
// pass to program.use.
func lookupHelper(name string) helper {
	switch name {
	case "ordered":
		return helper{src: orderedSrc}
	case "less":
		return helper{src: lessSrc, deps: []string{"ordered"}}
	case "min":
		return helper{src: minSrc, deps: []string{"ordered"}}
	case "max":
		return helper{src: maxSrc, deps: []string{"ordered"}}
	case "minAny":
		return helper{src: minAnySrc, deps: []string{"anyLess"}}
	case "maxAny":
		return helper{src: maxAnySrc, deps: []string{"anyLess"}}
	case "anyLess":
		return helper{src: anyLessSrc, imports: []string{"reflect"}}
	case "clear":
		return helper{src: clearSrc, imports: []string{"reflect"}}
	case "print":
		return helper{src: printSrc, imports: []string{"os", "reflect", "strconv"}}
	}
	if h, ok := stdHelper(name); ok {
		return h
	}
	panic("rewrite: no helper " + name) // a pass names only helpers defined here
}

const orderedSrc = `type _gn_ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string
}
`

// lessSrc orders NaN before every other float, as slices.Sort does.
const lessSrc = `func _gn_less[T _gn_ordered](x, y T) bool { return (x != x && y == y) || x < y }
`

// minSrc and maxSrc follow the builtins: a NaN argument gives NaN.
const minSrc = `func _gn_min[T _gn_ordered](x T, ys ...T) T {
	for _, y := range ys {
		if y < x || y != y {
			x = y
		}
	}
	return x
}
`

const maxSrc = `func _gn_max[T _gn_ordered](x T, ys ...T) T {
	for _, y := range ys {
		if y > x || y != y {
			x = y
		}
	}
	return x
}
`

// minAnySrc and maxAnySrc serve arguments of types the checker could not
// work out, such as time.Duration: yaegi fails to check those against
// _gn_ordered, so they compare through reflection.
const minAnySrc = `func _gn_minAny[T any](x T, ys ...T) T {
	for _, y := range ys {
		if _gn_anyLess(y, x) || _gn_anyNaN(y) {
			x = y
		}
	}
	return x
}
`

const maxAnySrc = `func _gn_maxAny[T any](x T, ys ...T) T {
	for _, y := range ys {
		if _gn_anyLess(x, y) || _gn_anyNaN(y) {
			x = y
		}
	}
	return x
}
`

const anyLessSrc = `func _gn_anyLess(a, b any) bool {
	x, y := _gn_reflect.ValueOf(a), _gn_reflect.ValueOf(b)
	switch x.Kind() {
	case _gn_reflect.Int, _gn_reflect.Int8, _gn_reflect.Int16, _gn_reflect.Int32, _gn_reflect.Int64:
		return x.Int() < y.Int()
	case _gn_reflect.Uint, _gn_reflect.Uint8, _gn_reflect.Uint16, _gn_reflect.Uint32, _gn_reflect.Uint64, _gn_reflect.Uintptr:
		return x.Uint() < y.Uint()
	case _gn_reflect.Float32, _gn_reflect.Float64:
		return x.Float() < y.Float()
	case _gn_reflect.String:
		return x.String() < y.String()
	}
	return false
}

func _gn_anyNaN(a any) bool {
	x := _gn_reflect.ValueOf(a)
	k := x.Kind()
	return (k == _gn_reflect.Float32 || k == _gn_reflect.Float64) && x.Float() != x.Float()
}
`

const clearSrc = `func _gn_clear(x any) {
	_gn_reflect.ValueOf(x).Clear()
}
`

// printSrc formats like the runtime's print and println of Go 1.26
// (floats as strconv's 'g' with the shortest precision, slices as
// [len/cap]0xaddr) and writes to standard error in one write, as they do.
const printSrc = `func _gn_print(args ...any) {
	var b []byte
	for _, a := range args {
		b = _gn_appendPrint(b, a)
	}
	_gn_os.Stderr.Write(b)
}

func _gn_println(args ...any) {
	var b []byte
	for i, a := range args {
		if i > 0 {
			b = append(b, ' ')
		}
		b = _gn_appendPrint(b, a)
	}
	b = append(b, '\n')
	_gn_os.Stderr.Write(b)
}

func _gn_appendPrint(b []byte, a any) []byte {
	if a == nil {
		return append(b, "(0x0,0x0)"...)
	}
	v := _gn_reflect.ValueOf(a)
	switch v.Kind() {
	case _gn_reflect.Bool:
		return _gn_strconv.AppendBool(b, v.Bool())
	case _gn_reflect.Int, _gn_reflect.Int8, _gn_reflect.Int16, _gn_reflect.Int32, _gn_reflect.Int64:
		return _gn_strconv.AppendInt(b, v.Int(), 10)
	case _gn_reflect.Uint, _gn_reflect.Uint8, _gn_reflect.Uint16, _gn_reflect.Uint32, _gn_reflect.Uint64, _gn_reflect.Uintptr:
		return _gn_strconv.AppendUint(b, v.Uint(), 10)
	case _gn_reflect.Float32:
		return _gn_strconv.AppendFloat(b, v.Float(), 'g', -1, 32)
	case _gn_reflect.Float64:
		return _gn_strconv.AppendFloat(b, v.Float(), 'g', -1, 64)
	case _gn_reflect.Complex64:
		return append(b, _gn_strconv.FormatComplex(v.Complex(), 'g', -1, 64)...)
	case _gn_reflect.Complex128:
		return append(b, _gn_strconv.FormatComplex(v.Complex(), 'g', -1, 128)...)
	case _gn_reflect.String:
		return append(b, v.String()...)
	case _gn_reflect.Slice:
		b = append(b, '[')
		b = _gn_strconv.AppendInt(b, int64(v.Len()), 10)
		b = append(b, '/')
		b = _gn_strconv.AppendInt(b, int64(v.Cap()), 10)
		b = append(b, ']')
		return _gn_appendHex(b, uint64(v.Pointer()))
	case _gn_reflect.Pointer, _gn_reflect.Chan, _gn_reflect.Map, _gn_reflect.Func, _gn_reflect.UnsafePointer:
		return _gn_appendHex(b, uint64(v.Pointer()))
	}
	return append(b, "(0x0,0x0)"...)
}

func _gn_appendHex(b []byte, x uint64) []byte {
	return _gn_strconv.AppendUint(append(b, "0x"...), x, 16)
}
`
