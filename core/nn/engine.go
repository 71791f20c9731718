package nn

import (
	// The engine package installs OpenBLAS behind gorgonia when built with -tags openblas.
	_ "github.com/ssgan/ssgan/internal/engine"
)
