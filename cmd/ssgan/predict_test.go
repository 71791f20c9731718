package main

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/datasets"
)

// writeImagesIDX writes n random rows×cols images as a raw IDX image file and returns its path and
// pixels.
func writeImagesIDX(t *testing.T, dir, name string, n, rows, cols int, seed uint64) (string, []uint8) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	px := make([]uint8, n*rows*cols)
	for i := range px {
		px[i] = uint8(rng.IntN(256))
	}
	var b bytes.Buffer
	for _, v := range []uint32{datasets.MagicImages, uint32(n), uint32(rows), uint32(cols)} {
		require.NoError(t, binary.Write(&b, binary.BigEndian, v))
	}
	b.Write(px)
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
	return path, px
}

// writePNG writes pixels as a w×h PNG of the given color model (Gray or RGBA with R = G = B).
func writePNG(t *testing.T, dir, name string, w, h int, px []uint8, rgba bool) string {
	t.Helper()
	var img image.Image
	if rgba {
		im := image.NewRGBA(image.Rect(0, 0, w, h))
		for i, v := range px[:w*h] {
			im.Set(i%w, i/w, color.RGBA{R: v, G: v, B: v, A: 255})
		}
		img = im
	} else {
		img = &image.Gray{Pix: px[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
	return path
}

// TestPredict classifies an IDX file of 3 images and two PNGs holding the IDX file's second
// image: every format gives the model's own classes and probabilities, the PNGs those of the
// image they hold.
func TestPredict(t *testing.T) {
	m := tinyClassifier(t, "ssgan")
	w := writeWeightsFile(t, m, 0)
	dir := t.TempDir()
	idx, px := writeImagesIDX(t, dir, "three.idx", 3, 28, 28, 1)
	gray := writePNG(t, dir, "gray.png", 28, 28, px[784:], false)
	rgba := writePNG(t, dir, "rgba.png", 28, 28, px[784:], true)
	im := &datasets.Images{N: 3, Rows: 28, Cols: 28, Pixels: px}
	classes, probs, err := m.Classify(im.Float32(0, 1))
	require.NoError(t, err)
	wantFile := []string{idx, idx, idx, gray, rgba}
	wantRow := []int{0, 1, 2, 1, 1}

	out, line := execRoot(t, nil, "predict", w, idx, gray, rgba, "--format", "csv")
	require.Empty(t, line)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 6)
	assert.Equal(t, []string{"file", "index", "class", "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"}, rows[0])
	for i, r := range rows[1:] {
		k := wantRow[i]
		wantIndex := ""
		if i < 3 {
			wantIndex = strconv.Itoa(k)
		}
		assert.Equal(t, []string{wantFile[i], wantIndex, strconv.Itoa(classes[k])}, r[:3], "row %d", i)
		for j, s := range r[3:] {
			v, err := strconv.ParseFloat(s, 64)
			require.NoError(t, err)
			assert.Equal(t, probs[k][j], v, "row %d p%d", i, j)
		}
	}

	out, line = execRoot(t, nil, "predict", w, idx, gray, "--format", "json")
	require.Empty(t, line)
	var got []struct {
		File          string    `json:"file"`
		Index         *int      `json:"index"`
		Class         int       `json:"class"`
		Probabilities []float64 `json:"probabilities"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.Len(t, got, 4)
	for i, p := range got {
		k := wantRow[i]
		assert.Equal(t, wantFile[i], p.File)
		if i < 3 {
			require.NotNil(t, p.Index)
			assert.Equal(t, k, *p.Index)
		} else {
			assert.Nil(t, p.Index, "a PNG has no index")
		}
		assert.Equal(t, classes[k], p.Class)
		assert.Equal(t, probs[k], p.Probabilities)
	}

	out, line = execRoot(t, nil, "predict", w, idx, gray)
	require.Empty(t, line)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 5)
	assert.Regexp(t, `^image +class +p\(0\) +p\(1\) .* p\(9\)$`, lines[0])
	assert.Regexp(t, `^`+regexpQuote(idx)+`\[2\] +`+strconv.Itoa(classes[2])+` +0\.\d{4} `, lines[3])
	assert.Regexp(t, `^`+regexpQuote(gray)+` +`+strconv.Itoa(classes[1])+` +0\.\d{4} `, lines[4])
}

// regexpQuote escapes a path for a regular expression.
func regexpQuote(s string) string {
	return strings.NewReplacer(".", `\.`, "[", `\[`, "]", `\]`, "+", `\+`).Replace(s)
}

// TestPredictErrors gives predict wrong, truncated or mismatched weight files and images: each
// is a one-line error naming the file and what is wrong.
func TestPredictErrors(t *testing.T) {
	w := writeWeightsFile(t, tinyClassifier(t, "supervised"), 0)
	dir := t.TempDir()
	idx, px := writeImagesIDX(t, dir, "ok.idx", 2, 28, 28, 1)
	small, _ := writeImagesIDX(t, dir, "small.idx", 2, 14, 14, 2)
	narrow := writePNG(t, dir, "narrow.png", 27, 28, px, false)
	whole, err := os.ReadFile(w)
	require.NoError(t, err)
	file := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, data, 0o644))
		return path
	}
	text := file("notes.txt", []byte("seven\n"))
	truncW := file("truncated.npz", whole[:len(whole)/2])
	idxBytes, err := os.ReadFile(idx)
	require.NoError(t, err)
	truncIDX := file("truncated.idx", idxBytes[:100])
	labels := file("labels.idx", []byte{0, 0, 8, 1, 0, 0, 0, 1, 7})
	badPNG := file("bad.png", append([]byte("\x89PNG\r\n\x1a\n"), "garbage"...))
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"weights not an npz", []string{text, idx}, []string{"weights: " + text, "not an .npz archive"}},
		{"truncated weights", []string{truncW, idx}, []string{"weights: " + truncW, "not an .npz archive", "truncated"}},
		{"no weights", []string{filepath.Join(dir, "absent.npz"), idx}, []string{"absent.npz", "no such file"}},
		{"run dir without weights", []string{dir, idx}, []string{"run directory " + dir + " has no weights.npz"}},
		{"image of another size", []string{w, small}, []string{small + ": images of 14×14 pixels, but the model of " + w + " takes 28×28"}},
		{"png of another size", []string{w, idx, narrow}, []string{narrow + ": images of 28×27 pixels", "takes 28×28"}},
		{"not an image", []string{w, text}, []string{text + ": neither a PNG nor an IDX image file"}},
		{"labels file", []string{w, labels}, []string{"datasets: " + labels}},
		{"truncated idx", []string{w, truncIDX}, []string{"datasets: " + truncIDX, "truncated"}},
		{"corrupt png", []string{w, badPNG}, []string{badPNG + ": not a readable PNG"}},
		{"missing image", []string{w, filepath.Join(dir, "absent.png")}, []string{"absent.png", "no such file"}},
		{"bad format", []string{w, idx, "--format", "xml"}, []string{`--format "xml": want text, csv or json`}},
		{"no image", []string{w}, []string{"requires at least 2 arg(s)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, line := execRoot(t, nil, append([]string{"predict"}, tc.args...)...)
			requireOneLineError(t, out, line, tc.want)
		})
	}
}
