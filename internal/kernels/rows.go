package kernels

// The row kernels below each run over the length of their first slice (the others are at least
// as long): the longest prefix of whole vector blocks in a vector kernel where the build and CPU
// have one, with the scalar expression's operations per lane, then the rest in the scalar loop,
// so every value is the scalar expression's bit for bit. Every product in a scalar loop is
// rounded on its own (an explicit conversion), so that a GOAMD64=v3 build, whose compiler may
// fuse a·b + c into one multiply-add, computes what the vector kernels compute.

// MulAddRow sets dst[j] = a[j]·s[j] + b[j] (a product and an addition, each rounded).
func MulAddRow(dst, a, s, b []float32) {
	for j := mulAddRowVec(dst, a, s, b); j < len(dst); j++ {
		dst[j] = float32(a[j]*s[j]) + b[j]
	}
}

// MulRow sets dst[j] = a[j]·s[j].
func MulRow(dst, a, s []float32) {
	for j := mulRowVec(dst, a, s); j < len(dst); j++ {
		dst[j] = a[j] * s[j]
	}
}

// SubMulRow sets dst[j] −= a[j]·c[j].
func SubMulRow(dst, a, c []float32) {
	for j := subMulRowVec(dst, a, c); j < len(dst); j++ {
		dst[j] -= float32(a[j] * c[j])
	}
}

// AddMulRow sets dst[j] += a[j]·t[j].
func AddMulRow(dst, a, t []float32) {
	for j := addMulRowVec(dst, a, t); j < len(dst); j++ {
		dst[j] += float32(a[j] * t[j])
	}
}

// AddVec sets dst[j] = a[j] + b[j]; dst may be a (an accumulation in place).
func AddVec(dst, a, b []float32) {
	for j := addVecVec(dst, a, b); j < len(dst); j++ {
		dst[j] = a[j] + b[j]
	}
}

// AddSquares64 sets acc[j] += float64(x[j])·float64(x[j]), accumulating in float64.
func AddSquares64(acc []float64, x []float32) {
	for j := addSquares64Vec(acc, x); j < len(acc); j++ {
		acc[j] += float64(float64(x[j]) * float64(x[j]))
	}
}
