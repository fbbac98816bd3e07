package yaegi

import (
	"flag"
	"fmt"
	"reflect"
)

// flagSymbols returns the part of package flag that works on the command
// line, bound to this run: a FlagSet of its own over the run's arguments
// and stderr, so that runs in one process share no flags, and a Parse that
// fails ends the program through the run's exit with status 2 (0 for
// -help), as the command line's flag.ExitOnError does. A FlagSet the
// program makes writes to the run's stderr too; one made with
// flag.ExitOnError still exits the process itself when its Parse fails.
func (r *run) flagSymbols() map[string]reflect.Value {
	name := r.opts.Args[0]
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(r.stderr)
	usage := func() {
		fmt.Fprintf(fs.Output(), "Usage of %s:\n", name)
		fs.PrintDefaults()
	}
	// The command line calls the package's Usage, whatever the program set
	// it to.
	fs.Usage = func() { usage() }
	parse := func() {
		switch err := fs.Parse(r.opts.Args[1:]); {
		case err == flag.ErrHelp:
			r.exit(0)
		case err != nil:
			r.exit(2)
		}
	}
	syms := map[string]reflect.Value{
		"CommandLine": reflect.ValueOf(&fs).Elem(),
		"Usage":       reflect.ValueOf(&usage).Elem(),
		"Parse":       reflect.ValueOf(parse),
		"NewFlagSet": reflect.ValueOf(func(name string, handling flag.ErrorHandling) *flag.FlagSet {
			s := flag.NewFlagSet(name, handling)
			s.SetOutput(r.stderr)
			return s
		}),
	}
	// Every other function of the package is the method of the same name.
	v := reflect.ValueOf(fs)
	for _, m := range []string{"Arg", "Args", "Bool", "BoolFunc", "BoolVar", "Duration", "DurationVar",
		"Float64", "Float64Var", "Func", "Int", "Int64", "Int64Var", "IntVar", "NArg", "NFlag", "Parsed",
		"PrintDefaults", "Set", "String", "StringVar", "TextVar", "Uint", "Uint64", "Uint64Var", "UintVar",
		"Var", "Visit", "VisitAll", "Lookup"} {
		syms[m] = v.MethodByName(m)
	}
	return syms
}
