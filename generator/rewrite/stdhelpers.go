package rewrite

// stdHelper returns the helper standing in for a function of the slices or
// maps package, named "slices.Sort" and so on. The iterator functions of
// Go 1.23 (maps.Keys, slices.Values, ...) return a slice or a map instead
// of an iter.Seq, which yaegi cannot range over; stdGeneric fixes up the
// range statements that consume them.
//
// The sort helpers call sort.Slice, whose pattern-defeating quicksort
// makes the same moves as that of slices.SortFunc, so even unstable sorts
// order equal elements alike.
func stdHelper(name string) (helper, bool) {
	switch name {
	case "slices.All":
		return helper{src: `func _gn_slices_All[E any](s []E) []E { return s }
`}, true
	case "slices.Values":
		return helper{src: `func _gn_slices_Values[E any](s []E) []E { return s }
`}, true
	case "slices.Collect":
		return helper{src: `func _gn_slices_Collect[E any](s []E) []E { return append([]E(nil), s...) }
`}, true
	case "slices.Sorted":
		return helper{src: `func _gn_slices_Sorted[E _gn_ordered](s []E) []E {
	s = append([]E(nil), s...)
	_gn_sort.Slice(s, func(i, j int) bool { return _gn_less(s[i], s[j]) })
	return s
}
`, deps: []string{"ordered", "less"}, imports: []string{"sort"}}, true
	case "slices.Sort":
		return helper{src: `func _gn_slices_Sort[E _gn_ordered](s []E) {
	_gn_sort.Slice(s, func(i, j int) bool { return _gn_less(s[i], s[j]) })
}
`, deps: []string{"ordered", "less"}, imports: []string{"sort"}}, true
	case "slices.SortFunc":
		return helper{src: `func _gn_slices_SortFunc[E any](s []E, cmp func(a, b E) int) {
	_gn_sort.Slice(s, func(i, j int) bool { return cmp(s[i], s[j]) < 0 })
}
`, imports: []string{"sort"}}, true
	case "slices.SortStableFunc":
		return helper{src: `func _gn_slices_SortStableFunc[E any](s []E, cmp func(a, b E) int) {
	_gn_sort.SliceStable(s, func(i, j int) bool { return cmp(s[i], s[j]) < 0 })
}
`, imports: []string{"sort"}}, true
	case "slices.IsSorted":
		return helper{src: `func _gn_slices_IsSorted[E _gn_ordered](s []E) bool {
	for i := len(s) - 1; i > 0; i-- {
		if _gn_less(s[i], s[i-1]) {
			return false
		}
	}
	return true
}
`, deps: []string{"ordered", "less"}}, true
	case "slices.BinarySearch":
		return helper{src: `func _gn_slices_BinarySearch[E _gn_ordered](s []E, target E) (int, bool) {
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
`, deps: []string{"ordered", "less"}}, true
	case "slices.Index":
		return helper{src: `func _gn_slices_Index[E comparable](s []E, v E) int {
	for i := range s {
		if v == s[i] {
			return i
		}
	}
	return -1
}
`}, true
	case "slices.Contains":
		return helper{src: `func _gn_slices_Contains[E comparable](s []E, v E) bool { return _gn_slices_Index(s, v) >= 0 }
`, deps: []string{"slices.Index"}}, true
	case "slices.IndexFunc":
		return helper{src: `func _gn_slices_IndexFunc[E any](s []E, f func(E) bool) int {
	for i := range s {
		if f(s[i]) {
			return i
		}
	}
	return -1
}
`}, true
	case "slices.ContainsFunc":
		return helper{src: `func _gn_slices_ContainsFunc[E any](s []E, f func(E) bool) bool { return _gn_slices_IndexFunc(s, f) >= 0 }
`, deps: []string{"slices.IndexFunc"}}, true
	case "slices.Reverse":
		return helper{src: `func _gn_slices_Reverse[E any](s []E) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}
`}, true
	case "slices.Max":
		return helper{src: `func _gn_slices_Max[E _gn_ordered](s []E) E {
	if len(s) < 1 {
		panic("slices.Max: empty list")
	}
	return _gn_max(s[0], s[1:]...)
}
`, deps: []string{"ordered", "max"}}, true
	case "slices.Min":
		return helper{src: `func _gn_slices_Min[E _gn_ordered](s []E) E {
	if len(s) < 1 {
		panic("slices.Min: empty list")
	}
	return _gn_min(s[0], s[1:]...)
}
`, deps: []string{"ordered", "min"}}, true
	case "slices.Equal":
		return helper{src: `func _gn_slices_Equal[E comparable](s1, s2 []E) bool {
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
`}, true
	case "slices.Insert":
		return helper{src: `func _gn_slices_Insert[E any](s []E, i int, v ...E) []E {
	_ = s[i:] // bounds check, as in Go
	r := make([]E, 0, len(s)+len(v))
	r = append(r, s[:i]...)
	r = append(r, v...)
	return append(r, s[i:]...)
}
`}, true
	case "slices.Delete":
		return helper{deps: []string{"clear"}, src: `func _gn_slices_Delete[E any](s []E, i, j int) []E {
	_ = s[i:j:len(s)] // bounds check, as in Go
	if i == j {
		return s
	}
	n := len(s)
	s = append(s[:i], s[j:]...)
	_gn_clear(s[len(s):n])
	return s
}
`}, true
	case "slices.Clone":
		return helper{src: `func _gn_slices_Clone[E any](s []E) []E {
	if s == nil {
		return nil
	}
	return append(make([]E, 0, len(s)), s...)
}
`}, true
	case "slices.Compact":
		return helper{deps: []string{"clear"}, src: `func _gn_slices_Compact[E comparable](s []E) []E {
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
`}, true
	case "slices.Concat":
		return helper{src: `func _gn_slices_Concat[E any](s []E, more ...[]E) []E {
	r := append([]E(nil), s...) // yaegi cannot infer E from ...[]E alone
	for _, m := range more {
		r = append(r, m...)
	}
	return r
}
`}, true
	case "maps.Keys":
		return helper{src: `func _gn_maps_Keys[K comparable, V any](m map[K]V) []K {
	r := make([]K, 0, len(m))
	for k := range m {
		r = append(r, k)
	}
	return r
}
`}, true
	case "maps.Values":
		return helper{src: `func _gn_maps_Values[K comparable, V any](m map[K]V) []V {
	r := make([]V, 0, len(m))
	for _, v := range m {
		r = append(r, v)
	}
	return r
}
`}, true
	case "maps.All":
		return helper{src: `func _gn_maps_All[K comparable, V any](m map[K]V) map[K]V { return m }
`}, true
	case "maps.Clone":
		return helper{src: `func _gn_maps_Clone[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return nil
	}
	r := make(map[K]V, len(m))
	for k, v := range m {
		r[k] = v
	}
	return r
}
`}, true
	case "maps.Collect":
		return helper{src: `func _gn_maps_Collect[K comparable, V any](m map[K]V) map[K]V { return _gn_maps_Clone(m) }
`, deps: []string{"maps.Clone"}}, true
	case "maps.Copy":
		return helper{src: `func _gn_maps_Copy[K comparable, V any](dst, src map[K]V) {
	for k, v := range src {
		dst[k] = v
	}
}
`}, true
	case "maps.Equal":
		return helper{src: `func _gn_maps_Equal[K, V comparable](m1, m2 map[K]V) bool {
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
`}, true
	case "maps.DeleteFunc":
		return helper{src: `func _gn_maps_DeleteFunc[K comparable, V any](m map[K]V, del func(K, V) bool) {
	for k, v := range m {
		if del(k, v) {
			delete(m, k)
		}
	}
}
`}, true
	}
	return helper{}, false
}
