package metrics

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfusion(t *testing.T) {
	// Expected matrices were counted by hand from the inputs.
	tests := []struct {
		name        string
		pred, truth []int
		classes     int
		want        [][]int
		wantErr     string
	}{
		{
			name:    "three classes rows are truth",
			pred:    []int{0, 1, 2, 2, 1, 0},
			truth:   []int{0, 1, 2, 1, 1, 2},
			classes: 3,
			want:    [][]int{{1, 0, 0}, {0, 2, 1}, {1, 0, 1}},
		},
		{name: "empty", pred: []int{}, truth: []int{}, classes: 2, want: [][]int{{0, 0}, {0, 0}}},
		{name: "length mismatch", pred: []int{0}, truth: []int{0, 1}, classes: 2, wantErr: "metrics: 1 predictions but 2 true labels"},
		{name: "prediction out of range", pred: []int{0, 2}, truth: []int{0, 1}, classes: 2, wantErr: "predicted label 2 at index 1"},
		{name: "negative truth", pred: []int{0, 1}, truth: []int{-1, 1}, classes: 2, wantErr: "true label -1 at index 0"},
		{name: "no classes", pred: []int{}, truth: []int{}, classes: 0, wantErr: "positive number of classes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Confusion(tc.pred, tc.truth, tc.classes)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				assert.Contains(t, err.Error(), "metrics: ")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestAccuracyAndErrorCount(t *testing.T) {
	// Expected counts were made by hand; accuracies are exact ratios of small
	// integers, so the tolerance only absorbs float rounding.
	const tol = 1e-15
	tests := []struct {
		name        string
		pred, truth []int
		wantErrors  int
		wantAcc     float64
		wantErr     string
	}{
		{name: "two of six wrong", pred: []int{0, 1, 2, 2, 1, 0}, truth: []int{0, 1, 2, 1, 1, 2}, wantErrors: 2, wantAcc: 4.0 / 6.0},
		{name: "all right", pred: []int{3, 3}, truth: []int{3, 3}, wantErrors: 0, wantAcc: 1},
		{name: "all wrong", pred: []int{1, 0}, truth: []int{0, 1}, wantErrors: 2, wantAcc: 0},
		{name: "length mismatch", pred: []int{1}, truth: []int{}, wantErr: "metrics: 1 predictions but 0 true labels"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, err := ErrorCount(tc.pred, tc.truth)
			acc, accErr := Accuracy(tc.pred, tc.truth)
			if tc.wantErr != "" {
				require.EqualError(t, err, tc.wantErr)
				require.EqualError(t, accErr, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.NoError(t, accErr)
			assert.Equal(t, tc.wantErrors, n)
			assert.InDelta(t, tc.wantAcc, acc, tol)
		})
	}
}

func TestAccuracyEmpty(t *testing.T) {
	n, err := ErrorCount(nil, nil)
	require.NoError(t, err)
	assert.Zero(t, n)
	_, err = Accuracy(nil, nil)
	require.EqualError(t, err, "metrics: accuracy of no examples is undefined")
}

func TestPerClassAccuracy(t *testing.T) {
	// Expected values are the diagonal divided by the row sums, by hand.
	const tol = 1e-15
	tests := []struct {
		name    string
		conf    [][]int
		want    []float64
		wantErr string
	}{
		{name: "three classes", conf: [][]int{{1, 0, 0}, {0, 2, 1}, {1, 0, 1}}, want: []float64{1, 2.0 / 3.0, 0.5}},
		{name: "not square", conf: [][]int{{1, 0}, {1}}, wantErr: "metrics: confusion matrix is not square: row 1 has 1 columns, want 2"},
		{name: "empty class", conf: [][]int{{1, 0}, {0, 0}}, wantErr: "metrics: class 1 has no examples, its accuracy is undefined"},
		{name: "negative count", conf: [][]int{{1, -1}, {0, 1}}, wantErr: "metrics: negative count -1 at confusion[0][1]"},
		{name: "empty matrix", conf: nil, wantErr: "metrics: per-class accuracy of an empty confusion matrix"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PerClassAccuracy(tc.conf)
			if tc.wantErr != "" {
				require.EqualError(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.InDeltaSlice(t, tc.want, got, tol)
		})
	}
}
