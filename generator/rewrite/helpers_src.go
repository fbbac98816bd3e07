//go:build ignore

// The helpers the rewritten program calls in place of builtins and standard
// library functions that yaegi v0.16.1 lacks or gets wrong. This file is
// never built: package rewrite embeds it and appends the declarations a
// rewritten program needs (and those they use) after its last line, so no
// line of the program moves.
//
// Each top-level declaration named _gn_NAME is the helper NAME; one
// standing in for a function of the standard library is named after its
// package path and the function, with _ for / and before the name:
// _gn_slices_Sort is slices.Sort, _gn_math_rand_v2_N is rand.N of
// math/rand/v2. A helper imports packages as _gn_ and the last element of
// the path, as the rewrite adds them to the program.
//
// yaegi's generics handle type parameters on plain []E and map[K]V
// parameters but not the S ~[]E form the standard library uses, hence the
// signatures; and the Go 1.23 iterator functions return a slice or a map
// instead of an iter.Seq, which yaegi cannot range over (the rewrite fixes
// up the range statements that consume them). The sort helpers call
// sort.Slice, whose pattern-defeating quicksort makes the same moves as
// that of slices.SortFunc, so even unstable sorts order equal elements
// alike.

package main

import (
	_gn_os "os"
	_gn_reflect "reflect"
	_gn_sort "sort"
	_gn_strconv "strconv"
	_gn_sync "sync"
	_gn_utf8 "unicode/utf8"
)

type _gn_ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string
}

// _gn_less orders NaN before every other float, as slices.Sort does.
func _gn_less[T _gn_ordered](x, y T) bool { return (x != x && y == y) || x < y }

// _gn_min and _gn_max follow the builtins: a NaN argument gives NaN.
func _gn_min[T _gn_ordered](x T, ys ...T) T {
	for _, y := range ys {
		if y < x || y != y {
			x = y
		}
	}
	return x
}

func _gn_max[T _gn_ordered](x T, ys ...T) T {
	for _, y := range ys {
		if y > x || y != y {
			x = y
		}
	}
	return x
}

// _gn_minAny and _gn_maxAny serve arguments of types the checker could not
// work out, such as time.Duration: yaegi fails to check those against
// _gn_ordered, so they compare through reflection.
func _gn_minAny[T any](x T, ys ...T) T {
	for _, y := range ys {
		if _gn_anyLess(y, x) || _gn_anyNaN(y) {
			x = y
		}
	}
	return x
}

func _gn_maxAny[T any](x T, ys ...T) T {
	for _, y := range ys {
		if _gn_anyLess(x, y) || _gn_anyNaN(y) {
			x = y
		}
	}
	return x
}

func _gn_anyLess(a, b any) bool {
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

func _gn_clear(x any) {
	_gn_reflect.ValueOf(x).Clear()
}

// _gn_print and _gn_println format like the runtime's print and println of Go 1.26
// (floats as strconv's 'g' with the shortest precision, slices as
// [len/cap]0xaddr) and writes to standard error in one write, as they do.
func _gn_print(args ...any) {
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

func _gn_slices_All[E any](s []E) []E { return s }

func _gn_slices_Values[E any](s []E) []E { return s }

func _gn_slices_Collect[E any](s []E) []E { return append([]E(nil), s...) }

func _gn_slices_Sorted[E _gn_ordered](s []E) []E {
	s = append([]E(nil), s...)
	_gn_sort.Slice(s, func(i, j int) bool { return _gn_less(s[i], s[j]) })
	return s
}

func _gn_slices_Sort[E _gn_ordered](s []E) {
	_gn_sort.Slice(s, func(i, j int) bool { return _gn_less(s[i], s[j]) })
}

func _gn_slices_SortFunc[E any](s []E, cmp func(a, b E) int) {
	_gn_sort.Slice(s, func(i, j int) bool { return cmp(s[i], s[j]) < 0 })
}

func _gn_slices_SortStableFunc[E any](s []E, cmp func(a, b E) int) {
	_gn_sort.SliceStable(s, func(i, j int) bool { return cmp(s[i], s[j]) < 0 })
}

func _gn_slices_IsSorted[E _gn_ordered](s []E) bool {
	for i := len(s) - 1; i > 0; i-- {
		if _gn_less(s[i], s[i-1]) {
			return false
		}
	}
	return true
}

func _gn_slices_BinarySearch[E _gn_ordered](s []E, target E) (int, bool) {
	i, j := 0, len(s)
	for i < j {
		h := int(uint(i+j) >> 1)
		if _gn_less(s[h], target) {
			i = h + 1
		} else {
			j = h
		}
	}
	return i, i < len(s) && (s[i] == target || (s[i] != s[i] && target != target))
}

func _gn_slices_Index[E comparable](s []E, v E) int {
	for i := range s {
		if v == s[i] {
			return i
		}
	}
	return -1
}

func _gn_slices_Contains[E comparable](s []E, v E) bool { return _gn_slices_Index(s, v) >= 0 }

func _gn_slices_IndexFunc[E any](s []E, f func(E) bool) int {
	for i := range s {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

func _gn_slices_ContainsFunc[E any](s []E, f func(E) bool) bool {
	return _gn_slices_IndexFunc(s, f) >= 0
}

func _gn_slices_Reverse[E any](s []E) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

func _gn_slices_Max[E _gn_ordered](s []E) E {
	if len(s) < 1 {
		panic("slices.Max: empty list")
	}
	return _gn_max(s[0], s[1:]...)
}

func _gn_slices_Min[E _gn_ordered](s []E) E {
	if len(s) < 1 {
		panic("slices.Min: empty list")
	}
	return _gn_min(s[0], s[1:]...)
}

func _gn_slices_Equal[E comparable](s1, s2 []E) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if s1[i] != s2[i] {
			return false
		}
	}
	return true
}

func _gn_slices_Insert[E any](s []E, i int, v ...E) []E {
	_ = s[i:] // bounds check, as in Go
	r := make([]E, 0, len(s)+len(v))
	r = append(r, s[:i]...)
	r = append(r, v...)
	return append(r, s[i:]...)
}

func _gn_slices_Delete[E any](s []E, i, j int) []E {
	_ = s[i:j:len(s)] // bounds check, as in Go
	if i == j {
		return s
	}
	n := len(s)
	s = append(s[:i], s[j:]...)
	_gn_clear(s[len(s):n])
	return s
}

func _gn_slices_Clone[E any](s []E) []E {
	if s == nil {
		return nil
	}
	return append(make([]E, 0, len(s)), s...)
}

func _gn_slices_Compact[E comparable](s []E) []E {
	if len(s) < 2 {
		return s
	}
	r := s[:1]
	for _, v := range s[1:] {
		if v != r[len(r)-1] {
			r = append(r, v)
		}
	}
	_gn_clear(s[len(r):])
	return r
}

func _gn_slices_Concat[E any](s []E, more ...[]E) []E {
	r := append([]E(nil), s...) // yaegi cannot infer E from ...[]E alone
	for _, m := range more {
		r = append(r, m...)
	}
	return r
}

func _gn_maps_Keys[K comparable, V any](m map[K]V) []K {
	r := make([]K, 0, len(m))
	for k := range m {
		r = append(r, k)
	}
	return r
}

func _gn_maps_Values[K comparable, V any](m map[K]V) []V {
	r := make([]V, 0, len(m))
	for _, v := range m {
		r = append(r, v)
	}
	return r
}

func _gn_maps_All[K comparable, V any](m map[K]V) map[K]V { return m }

func _gn_maps_Clone[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return nil
	}
	r := make(map[K]V, len(m))
	for k, v := range m {
		r[k] = v
	}
	return r
}

func _gn_maps_Collect[K comparable, V any](m map[K]V) map[K]V { return _gn_maps_Clone(m) }

func _gn_maps_Copy[K comparable, V any](dst, src map[K]V) {
	for k, v := range src {
		dst[k] = v
	}
}

func _gn_maps_Equal[K, V comparable](m1, m2 map[K]V) bool {
	if len(m1) != len(m2) {
		return false
	}
	for k, v1 := range m1 {
		if v2, ok := m2[k]; !ok || v1 != v2 {
			return false
		}
	}
	return true
}

func _gn_maps_DeleteFunc[K comparable, V any](m map[K]V, del func(K, V) bool) {
	for k, v := range m {
		if del(k, v) {
			delete(m, k)
		}
	}
}

// _gn_new is Go 1.26's new(expr): a pointer to a new variable holding v.
func _gn_new[T any](v T) *T { return &v }

// _gn_runePos is one iteration of a range over a string.
type _gn_runePos struct {
	i int
	r rune
}

// _gn_runes lists what a range over s yields: each rune's byte offset,
// and utf8.RuneError for each invalid byte, which counts as one.
func _gn_runes(s string) []_gn_runePos {
	var r []_gn_runePos
	for i := 0; i < len(s); {
		c, size := _gn_utf8.DecodeRuneInString(s[i:])
		r = append(r, _gn_runePos{i, c})
		i += size
	}
	return r
}

// _gn_errors_AsType is errors.AsType of Go 1.26. It walks the chain
// itself: errors.As cannot see the methods of the program's types.
func _gn_errors_AsType[E error](err error) (E, bool) {
	var target E
	ok := _gn_errors_As(err, &target)
	return target, ok
}

// _gn_errors_As is errors.As for a target of the form &v. yaegi's type
// assertions see the methods of the program's types but not those of
// compiled ones, and reflect the other way round, so it asks both; and
// it looks inside the wrapper yaegi puts around the program's error when
// it passes one to compiled code (fmt.Errorf's %w), since the chain leads
// through there.
func _gn_errors_As[T any](err error, target *T) bool {
	// Depth first, as errors.As goes; yaegi cannot recurse into a generic
	// function.
	stack := []error{err}
	for len(stack) > 0 {
		err := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if err == nil {
			continue
		}
		if e, ok := err.(T); ok {
			*target = e
			return true
		}
		x, wrapped := _gn_interpreted(err)
		if wrapped { // yaegi panics asserting on a nil interface here
			if e, ok := x.(T); ok {
				*target = e
				return true
			}
		}
		if _gn_errorAs(err, x, target) {
			return true
		}
		inner := _gn_unwrap(err, x)
		for i := len(inner) - 1; i >= 0; i-- {
			stack = append(stack, inner[i])
		}
	}
	return false
}

// _gn_errorAs calls the As method of err, or of x, the program's value
// inside it.
func _gn_errorAs(err error, x any, target any) bool {
	if a, ok := err.(interface{ As(any) bool }); ok {
		return a.As(target)
	}
	if x != nil { // yaegi panics asserting on a nil interface here
		if a, ok := x.(interface{ As(any) bool }); ok {
			return a.As(target)
		}
	}
	m := _gn_reflect.ValueOf(err).MethodByName("As")
	if !m.IsValid() || m.Type().NumIn() != 1 || m.Type().NumOut() != 1 {
		return false
	}
	r := m.Call([]_gn_reflect.Value{_gn_reflect.ValueOf(target)})[0]
	return r.Kind() == _gn_reflect.Bool && r.Bool()
}

// _gn_unwrap returns what the Unwrap method of err, or of x, the program's
// value inside it, returns.
func _gn_unwrap(err error, x any) []error {
	if u, ok := err.(interface{ Unwrap() error }); ok {
		return []error{u.Unwrap()}
	}
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		return u.Unwrap()
	}
	if x != nil {
		if u, ok := x.(interface{ Unwrap() error }); ok {
			return []error{u.Unwrap()}
		}
		if u, ok := x.(interface{ Unwrap() []error }); ok {
			return u.Unwrap()
		}
	}
	m := _gn_reflect.ValueOf(err).MethodByName("Unwrap")
	if !m.IsValid() || m.Type().NumIn() != 0 || m.Type().NumOut() != 1 {
		return nil
	}
	// Assertions, not a type switch: yaegi's misses compiled values.
	r := m.Call(nil)[0].Interface()
	if e, ok := r.(error); ok {
		return []error{e}
	}
	es, _ := r.([]error)
	return es
}

// _gn_interpreted returns the program's own value inside the wrapper
// yaegi makes to pass it to compiled code as an error: the wrapper's first
// field. ok is false when err is no such wrapper.
func _gn_interpreted(err error) (x any, ok bool) {
	v := _gn_reflect.ValueOf(err)
	if v.Kind() == _gn_reflect.Struct && v.NumField() > 0 && v.Type().Field(0).Name == "IValue" {
		return v.Field(0).Interface(), true
	}
	return nil, false
}

// _gn_sync_OnceValue is sync.OnceValue, after Go's own.
func _gn_sync_OnceValue[T any](f func() T) func() T {
	var (
		once   _gn_sync.Once
		valid  bool
		p      any
		result T
	)
	g := func() {
		defer func() {
			p = recover()
			if !valid {
				panic(p)
			}
		}()
		result = f()
		f = nil
		valid = true
	}
	return func() T {
		once.Do(g)
		if !valid {
			panic(p)
		}
		return result
	}
}

// _gn_sync_OnceValues is sync.OnceValues, after Go's own.
func _gn_sync_OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) {
	var (
		once  _gn_sync.Once
		valid bool
		p     any
		r1    T1
		r2    T2
	)
	g := func() {
		defer func() {
			p = recover()
			if !valid {
				panic(p)
			}
		}()
		r1, r2 = f()
		f = nil
		valid = true
	}
	return func() (T1, T2) {
		once.Do(g)
		if !valid {
			panic(p)
		}
		return r1, r2
	}
}

// _gn_cmp_Or takes its first value apart: yaegi cannot infer T from a
// variadic parameter alone.
func _gn_cmp_Or[T comparable](first T, rest ...T) T {
	var zero T
	if first != zero {
		return first
	}
	for _, v := range rest {
		if v != zero {
			return v
		}
	}
	return zero
}

func _gn_slices_Compare[E _gn_ordered](s1, s2 []E) int {
	for i, v1 := range s1 {
		if i >= len(s2) {
			return +1
		}
		v2 := s2[i]
		if c := _gn_compare(v1, v2); c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// _gn_compare is cmp.Compare: NaN sorts before every other float.
func _gn_compare[T _gn_ordered](x, y T) int {
	xNaN, yNaN := x != x, y != y
	switch {
	case xNaN && yNaN:
		return 0
	case xNaN || x < y:
		return -1
	case yNaN || x > y:
		return +1
	}
	return 0
}

func _gn_slices_DeleteFunc[E any](s []E, del func(E) bool) []E {
	i := _gn_slices_IndexFunc(s, del)
	if i == -1 {
		return s
	}
	for j := i + 1; j < len(s); j++ {
		if v := s[j]; !del(v) {
			s[i] = v
			i++
		}
	}
	_gn_clear(s[i:])
	return s[:i]
}

func _gn_slices_CompactFunc[E any](s []E, eq func(E, E) bool) []E {
	if len(s) < 2 {
		return s
	}
	r := s[:1]
	for _, v := range s[1:] {
		if !eq(r[len(r)-1], v) {
			r = append(r, v)
		}
	}
	_gn_clear(s[len(r):])
	return r
}

func _gn_slices_Replace[E any](s []E, i, j int, v ...E) []E {
	_ = s[i:j] // bounds check, as in Go
	tail := append([]E(nil), s[j:]...)
	r := append(s[:i], v...)
	r = append(r, tail...)
	if len(r) < len(s) {
		_gn_clear(s[len(r):])
	}
	return r
}

func _gn_slices_Grow[E any](s []E, n int) []E {
	if n < 0 {
		panic("cannot be negative")
	}
	if n -= cap(s) - len(s); n > 0 {
		s = append(s[:cap(s)], make([]E, n)...)[:len(s)]
	}
	return s
}

func _gn_slices_Clip[E any](s []E) []E { return s[:len(s):len(s)] }

func _gn_slices_Repeat[E any](x []E, count int) []E {
	if count < 0 {
		panic("cannot be negative")
	}
	r := make([]E, 0, len(x)*count)
	for i := 0; i < count; i++ {
		r = append(r, x...)
	}
	return r
}

// _gn_slices_Chunk returns the chunks as a slice, not an iter.Seq.
func _gn_slices_Chunk[E any](s []E, n int) [][]E {
	if n < 1 {
		panic("cannot be less than 1")
	}
	var r [][]E
	for i := 0; i < len(s); i += n {
		end := i + n
		if end > len(s) {
			end = len(s)
		}
		r = append(r, s[i:end:end])
	}
	return r
}

func _gn_maps_EqualFunc[K comparable, V1, V2 any](m1 map[K]V1, m2 map[K]V2, eq func(V1, V2) bool) bool {
	if len(m1) != len(m2) {
		return false
	}
	for k, v1 := range m1 {
		if v2, ok := m2[k]; !ok || !eq(v1, v2) {
			return false
		}
	}
	return true
}

// _gn_maps_Insert takes what the rewrite's maps.All returns: the map itself.
func _gn_maps_Insert[K comparable, V any](m map[K]V, seq map[K]V) {
	for k, v := range seq {
		m[k] = v
	}
}

// _gn_slices_CollectSeq is slices.Collect of an iterator function, which
// the rewrite gives its type argument: yaegi cannot infer it.
func _gn_slices_CollectSeq[E any](seq func(yield func(E) bool)) []E {
	var r []E
	seq(func(v E) bool {
		r = append(r, v)
		return true
	})
	return r
}

func _gn_slices_SortedSeq[E _gn_ordered](seq func(yield func(E) bool)) []E {
	s := _gn_slices_CollectSeq[E](seq)
	_gn_slices_Sort(s)
	return s
}

func _gn_maps_CollectSeq[K comparable, V any](seq func(yield func(K, V) bool)) map[K]V {
	m := map[K]V{}
	seq(func(k K, v V) bool {
		m[k] = v
		return true
	})
	return m
}
