package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"

	"github.com/ssgan/ssgan/datasets"
)

// inputFile is the images of one file given to predict: the images of an IDX file (indexed) or
// the single image of a PNG.
type inputFile struct {
	path    string
	images  *datasets.Images
	indexed bool
}

// File signatures of the inputs predict reads.
var (
	pngMagic  = []byte("\x89PNG\r\n\x1a\n")
	gzipMagic = []byte{0x1f, 0x8b}
	idxMagic  = []byte{0, 0, 8} // unsigned bytes; the fourth byte is the number of dimensions
)

// readInputFile reads an IDX image file (raw or gzip-compressed) or a PNG, telling them apart by
// their content.
func readInputFile(path string) (*inputFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	switch {
	case bytes.HasPrefix(data, pngMagic):
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: not a readable PNG: %v", path, err)
		}
		return &inputFile{path: path, images: grayPixels(img)}, nil
	case bytes.HasPrefix(data, gzipMagic) || bytes.HasPrefix(data, idxMagic):
		im, err := datasets.ReadImages(path, bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		if im.N == 0 {
			return nil, fmt.Errorf("%s: an IDX file of no images", path)
		}
		return &inputFile{path: path, images: im, indexed: true}, nil
	}
	return nil, fmt.Errorf("%s: neither a PNG nor an IDX image file", path)
}

// grayPixels converts an image to 8-bit grayscale (a grayscale PNG keeps its values; colours
// go through the standard luminance weights) as one image of datasets.Images.
func grayPixels(img image.Image) *datasets.Images {
	b := img.Bounds()
	im := &datasets.Images{N: 1, Rows: b.Dy(), Cols: b.Dx(), Pixels: make([]uint8, 0, b.Dx()*b.Dy())}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			im.Pixels = append(im.Pixels, color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y)
		}
	}
	return im
}
