package site

import (
	"errors"
	"fmt"
	"os"
)

// exchangeByRenames swaps the folders a and b with three renames, where the
// kernel cannot do it in one: a build killed between them leaves the old
// site in a folder named after b plus ".old", and b missing.
func exchangeByRenames(a, b string) error {
	old := b + ".old"
	if err := os.Rename(b, old); err != nil {
		return fmt.Errorf("moving the previous site aside: %w", err)
	}
	if err := os.Rename(a, b); err != nil {
		if rerr := os.Rename(old, b); rerr != nil {
			return errors.Join(err, fmt.Errorf("restoring the previous site from %s: %w", old, rerr))
		}
		return err
	}
	return os.Rename(old, a)
}
