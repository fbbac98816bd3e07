package rewrite

import "testing"

func TestStdGeneric(t *testing.T) {
	conform(t, []conformCase{
		{"slices", `package main

import (
	"fmt"
	"slices"
	"strings"
)

type person struct {
	name string
	age  int
}

func main() {
	xs := []int{5, 2, 8, 2, 9}
	slices.Sort(xs)
	fmt.Println(xs, slices.Contains(xs, 8), slices.Index(xs, 9), slices.Max(xs), slices.Min(xs))
	i, found := slices.BinarySearch(xs, 5)
	fmt.Println(i, found, slices.IsSorted(xs))
	slices.Reverse(xs)
	fmt.Println(xs, slices.Compact([]int{1, 1, 2, 2, 1}), slices.Equal(xs, []int{9, 8, 5, 2, 2}))
	ys := slices.Clone(xs)
	ys = slices.Insert(ys, 1, 100, 101)
	ys = slices.Delete(ys, 0, 1)
	fmt.Println(ys, xs, slices.Concat(xs[:1], ys[:1]))
	people := []person{{"Alice", 30}, {"Bob", 25}, {"Carol", 30}, {"Dan", 25}}
	slices.SortStableFunc(people, func(a, b person) int { return a.age - b.age })
	fmt.Println(people)
	slices.SortFunc(people, func(a, b person) int { return strings.Compare(b.name, a.name) })
	fmt.Println(people, slices.IndexFunc(people, func(p person) bool { return p.name == "Bob" }))
	fmt.Println(slices.ContainsFunc(xs, func(x int) bool { return x > 8 }))
}
`},
		{"maps and iterators", `package main

import (
	"fmt"
	"maps"
	"slices"
)

func main() {
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	fmt.Println(slices.Sorted(maps.Keys(m)), slices.Sorted(maps.Values(m)))
	keys := slices.Collect(maps.Keys(m))
	slices.Sort(keys)
	fmt.Println(keys)
	n := 0
	for k := range maps.Keys(m) {
		n += len(k)
	}
	for v := range maps.Values(m) {
		n += v
	}
	for i, v := range slices.All([]string{"x", "y"}) {
		fmt.Println(i, v)
	}
	for v := range slices.Values([]string{"p", "q"}) {
		fmt.Println(v)
	}
	c := maps.Clone(m)
	delete(c, "a")
	maps.Copy(c, map[string]int{"z": 26})
	maps.DeleteFunc(c, func(k string, v int) bool { return v == 2 })
	fmt.Println(n, len(m), c, maps.Equal(m, c))
}
`},
	})
}
