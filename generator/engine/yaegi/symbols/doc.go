// Package symbols holds the standard-library symbol tables the yaegi engine
// gives interpreted programs, extracted by yaegi's extractor from the Go that
// runs go generate (the zz_*.go files).
//
// There are two sets. The lesson set is the allow-list every lesson may
// import; its os table is only the process-local part of package os. The
// opt-in set holds packages a block must name in allow=, with the full os.
// Packages that link net or os/user are in neither: they link cgo, and a
// cgo-linked binary never reports "all goroutines are asleep - deadlock!".
//
// Generic functions cannot be extracted through reflection; cmp, maps and
// slices come from the Go sources yaegi compiles when fmt is loaded.
package symbols

//go:generate go run gen.go
