package core

import (
	"fmt"
	"image"
	"image/color"
	"math"
)

// Grid lays the first n×n images of pixels (each rows×cols values, row-major) out as one
// grayscale image, n images across and n down, with no gaps: the article's 5×5 sample grid for
// n = 5. Values are mapped linearly from [lo, hi] to black..white and clipped. The image is
// n·cols wide and n·rows high; encoding and writing it is the caller's job.
func Grid(pixels []float32, n, rows, cols int, lo, hi float32) (*image.Gray, error) {
	switch {
	case n <= 0 || rows <= 0 || cols <= 0:
		return nil, fmt.Errorf("core: grid: n %d, rows %d, cols %d: must be positive", n, rows, cols)
	case !(hi > lo) || math.IsInf(float64(hi-lo), 0):
		return nil, fmt.Errorf("core: grid: pixel range [%g, %g] is empty or infinite", lo, hi)
	case len(pixels) < n*n*rows*cols:
		return nil, fmt.Errorf("core: grid: %d values hold fewer than %d images of %d×%d", len(pixels), n*n, rows, cols)
	}
	img := image.NewGray(image.Rect(0, 0, n*cols, n*rows))
	scale := 255 / float64(hi-lo)
	for k := 0; k < n*n; k++ {
		x0, y0 := (k%n)*cols, (k/n)*rows
		im := pixels[k*rows*cols : (k+1)*rows*cols]
		for r := 0; r < rows; r++ {
			for c := 0; c < cols; c++ {
				v := math.Round((float64(im[r*cols+c]) - float64(lo)) * scale)
				if !(v > 0) { // also NaN
					v = 0
				}
				img.SetGray(x0+c, y0+r, color.Gray{Y: uint8(math.Min(v, 255))})
			}
		}
	}
	return img, nil
}
