package experiments

import (
	"bytes"
	"fmt"
	"image/png"

	"github.com/ssgan/ssgan/core"
)

// SaveGrid writes the first n×n images of pixels (each rows×cols values, row-major) to path as
// one grayscale PNG grid laid out by core.Grid: values mapped linearly from [lo, hi] to
// black..white and clipped. The file is written atomically.
func SaveGrid(path string, pixels []float32, n, rows, cols int, lo, hi float32) error {
	b, err := gridPNG(pixels, n, rows, cols, lo, hi)
	if err != nil {
		return fmt.Errorf("experiments: %s: %w", path, err)
	}
	return writeFile(path, b)
}

// gridPNG returns the PNG bytes of core.Grid's image of pixels.
func gridPNG(pixels []float32, n, rows, cols int, lo, hi float32) ([]byte, error) {
	img, err := core.Grid(pixels, n, rows, cols, lo, hi)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode grid: %w", err)
	}
	return buf.Bytes(), nil
}
