package output

import "os"

// exchangeByRename swaps a and b with three renames, for systems without an atomic exchange.
// The target is missing only between the second and third rename.
func exchangeByRename(a, b string) error {
	old := a + ".old"
	if err := os.Rename(b, old); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		os.Rename(old, b)
		return err
	}
	return os.Rename(old, a)
}
