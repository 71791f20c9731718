package results

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// QualityTitle is the heading printed above the text and markdown sample-quality tables.
const QualityTitle = "Sample quality"

// RenderQuality writes t to w as an aligned text table ("text") or a GitHub markdown table
// ("markdown"), each under the QualityTitle heading and followed by footnotes, or as CSV with raw
// numbers ("csv"). Any other format is an error.
func RenderQuality(w io.Writer, t *QualityTable, format string) error {
	if t == nil {
		return fmt.Errorf("results: render quality: nil table")
	}
	return renderAs(format, QualityTitle,
		func(s style) error { return renderQualityTable(w, t, s) },
		func() error { return renderQualityCSV(w, t) })
}

// renderQualityTable writes the heading, t with tablewriter, then the footnotes.
func renderQualityTable(w io.Writer, t *QualityTable, s style) error {
	rows := make([][]string, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = qualityCells(r)
	}
	notes := []string{
		fmt.Sprintf("Scores from a small classifier, not an Inception network: %s; test accuracy %.2f %%; features: its %d-unit last hidden layer.",
			t.Classifier.Architecture, 100*t.Classifier.TestAccuracy, t.Classifier.FeatureDim),
		"IS: exp E KL(p(y|x) ‖ p(y)) of its softmax over the generated images, from 1 to 10, higher is better. FD: Fréchet distance between the generated and the test images' features, lower is better. Mean ± std over seeds; G in inference mode, fixed noise.",
		fmt.Sprintf("%s: IS of the %s test images; FD between %s training images and the test images (the ceiling a perfect generator reaches).",
			CeilingName, grouped(t.Real.TestImages), grouped(t.Real.TrainImages)),
	}
	header := []string{"Experiment", "Seeds", "Iterations", "Classifier IS (mean ± std)", "Fréchet distance (mean ± std)", "Images scored"}
	if err := writeTable(w, s, header, rows, notes); err != nil {
		return fmt.Errorf("results: render quality: %w", err)
	}
	return nil
}

// qualityCells formats r for the text and markdown tables.
func qualityCells(r QualityRow) []string {
	seeds, iters := strconv.Itoa(r.Seeds), strconv.Itoa(r.MinIter)
	switch {
	case r.Ceiling:
		seeds, iters = notAvailable, notAvailable
	case r.MinIter != r.MaxIter:
		iters = fmt.Sprintf("%d–%d", r.MinIter, r.MaxIter)
	}
	return []string{
		r.Experiment, seeds, iters,
		meanStd(r.InceptionScore.Mean, r.InceptionScore.Std, 3),
		meanStd(r.FrechetDistance.Mean, r.FrechetDistance.Std, 3),
		strconv.Itoa(r.Samples),
	}
}

// qualityCSVHeader names the columns of the CSV format; an empty cell is unknown or undefined.
var qualityCSVHeader = []string{
	"experiment", "ceiling", "seeds", "iterations_min", "iterations_max", "images_scored",
	"inception_score_mean", "inception_score_std", "frechet_distance_mean", "frechet_distance_std",
	"classifier_test_accuracy", "classifier_hash",
}

// renderQualityCSV writes t as CSV, one column per number.
func renderQualityCSV(w io.Writer, t *QualityTable) error {
	cw := csv.NewWriter(w)
	rows := [][]string{qualityCSVHeader}
	for _, r := range t.Rows {
		seeds, lo, hi := strconv.Itoa(r.Seeds), strconv.Itoa(r.MinIter), strconv.Itoa(r.MaxIter)
		if r.Ceiling {
			seeds, lo, hi = "", "", ""
		}
		rows = append(rows, []string{
			r.Experiment, strconv.FormatBool(r.Ceiling), seeds, lo, hi, strconv.Itoa(r.Samples),
			num(r.InceptionScore.Mean), num(r.InceptionScore.Std), num(r.FrechetDistance.Mean), num(r.FrechetDistance.Std),
			num(t.Classifier.TestAccuracy), t.Classifier.Hash,
		})
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("results: render quality csv: %w", err)
	}
	return nil
}

// grouped formats n with thousands separators: 10000 as "10,000".
func grouped(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + grouped(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
