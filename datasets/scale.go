package datasets

// Float32 returns all pixels mapped linearly from 0..255 to [lo, hi]: 0 maps to
// lo and 255 to hi. Use (0, 1) for sigmoid outputs and (-1, 1) for tanh
// outputs. The result has N*Rows*Cols values in the same order as Pixels.
func (im *Images) Float32(lo, hi float32) []float32 {
	var lut [256]float32
	scale := (hi - lo) / 255
	for v := range lut {
		lut[v] = lo + float32(v)*scale
	}
	lut[255] = hi // exact upper end despite rounding
	out := make([]float32, len(im.Pixels))
	for i, p := range im.Pixels {
		out[i] = lut[p]
	}
	return out
}

// Row returns the pixels of image i (a sub-slice of Pixels, not a copy), or nil
// if i is out of range.
func (im *Images) Row(i int) []uint8 {
	d := im.Dim()
	if i < 0 || i >= im.N || (i+1)*d > len(im.Pixels) {
		return nil
	}
	return im.Pixels[i*d : (i+1)*d : (i+1)*d]
}
