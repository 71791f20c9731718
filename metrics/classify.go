package metrics

import "fmt"

// Confusion returns the classes×classes confusion matrix of pred against
// truth: conf[t][p] counts the examples of true class t predicted as class p
// (rows are the truth). It fails when the slices differ in length, when
// classes is not positive, or when a label lies outside [0, classes).
func Confusion(pred, truth []int, classes int) ([][]int, error) {
	if classes <= 0 {
		return nil, fmt.Errorf("metrics: confusion needs a positive number of classes, got %d", classes)
	}
	if err := checkLabels(pred, truth); err != nil {
		return nil, err
	}
	conf := make([][]int, classes)
	for i := range conf {
		conf[i] = make([]int, classes)
	}
	for i, p := range pred {
		t := truth[i]
		if t < 0 || t >= classes {
			return nil, fmt.Errorf("metrics: true label %d at index %d is outside [0, %d)", t, i, classes)
		}
		if p < 0 || p >= classes {
			return nil, fmt.Errorf("metrics: predicted label %d at index %d is outside [0, %d)", p, i, classes)
		}
		conf[t][p]++
	}
	return conf, nil
}

// ErrorCount returns the number of positions where pred differs from truth.
// It fails when the slices differ in length.
func ErrorCount(pred, truth []int) (int, error) {
	if err := checkLabels(pred, truth); err != nil {
		return 0, err
	}
	n := 0
	for i, p := range pred {
		if p != truth[i] {
			n++
		}
	}
	return n, nil
}

// Accuracy returns the fraction of positions where pred equals truth, in
// [0, 1]. It fails when the slices differ in length or are empty.
func Accuracy(pred, truth []int) (float64, error) {
	errs, err := ErrorCount(pred, truth)
	if err != nil {
		return 0, err
	}
	if len(pred) == 0 {
		return 0, fmt.Errorf("metrics: accuracy of no examples is undefined")
	}
	return float64(len(pred)-errs) / float64(len(pred)), nil
}

// PerClassAccuracy returns, for each true class (row of conf), the fraction
// of its examples that were predicted correctly (the recall of the class).
// It fails when conf is empty or not square, holds a negative count, or a
// class has no examples (its accuracy would be NaN, which JSON cannot hold).
func PerClassAccuracy(conf [][]int) ([]float64, error) {
	if len(conf) == 0 {
		return nil, fmt.Errorf("metrics: per-class accuracy of an empty confusion matrix")
	}
	acc := make([]float64, len(conf))
	for t, row := range conf {
		if len(row) != len(conf) {
			return nil, fmt.Errorf("metrics: confusion matrix is not square: row %d has %d columns, want %d", t, len(row), len(conf))
		}
		total := 0
		for p, c := range row {
			if c < 0 {
				return nil, fmt.Errorf("metrics: negative count %d at confusion[%d][%d]", c, t, p)
			}
			total += c
		}
		if total == 0 {
			return nil, fmt.Errorf("metrics: class %d has no examples, its accuracy is undefined", t)
		}
		acc[t] = float64(row[t]) / float64(total)
	}
	return acc, nil
}

// checkLabels fails when pred and truth differ in length.
func checkLabels(pred, truth []int) error {
	if len(pred) != len(truth) {
		return fmt.Errorf("metrics: %d predictions but %d true labels", len(pred), len(truth))
	}
	return nil
}
