package nn

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	G "gorgonia.org/gorgonia"
)

// TestLossValues checks the nn losses on small inputs against values worked out by hand.
func TestLossValues(t *testing.T) {
	ln := math.Log
	mean := func(n *G.Node, err error) (*G.Node, error) {
		if err != nil {
			return nil, err
		}
		return G.Mean(n)
	}
	tests := []struct {
		name   string
		inputs map[string][][]float32
		loss   func(in map[string]*G.Node) (*G.Node, error)
		want   float64
	}{
		{"log-sum-exp of (0, log 3) and (1000, 1000): log 4 and 1000 + log 2, no overflow",
			map[string][][]float32{"x": {{0, float32(ln(3))}, {1000, 1000}}},
			func(in map[string]*G.Node) (*G.Node, error) { return mean(LogSumExp(in["x"])) },
			(ln(4) + 1000 + ln(2)) / 2},
		{"cross-entropy: p(y) = 3/4 and 1/2",
			map[string][][]float32{"l": {{0, float32(ln(3))}, {5, 5}}, "y": {{0, 1}, {1, 0}}},
			func(in map[string]*G.Node) (*G.Node, error) { return CrossEntropy(in["l"], in["y"]) },
			(ln(4.0/3) + ln(2)) / 2},
		{"binary cross-entropy: logit 0 → log 2 for either target; logit log 3, target 1 → log 4/3",
			map[string][][]float32{"l": {{0, 0, float32(ln(3))}}, "y": {{1, 0, 1}}},
			func(in map[string]*G.Node) (*G.Node, error) { return BCEWithLogits(in["l"], in["y"]) },
			(2*ln(2) + ln(4.0/3)) / 3},
		{"weighted BCE: Σ w·loss with weights ¼, ¼, ½",
			map[string][][]float32{"l": {{0}, {0}, {float32(ln(3))}}, "y": {{1}, {0}, {0}}, "w": {{0.25}, {0.25}, {0.5}}},
			func(in map[string]*G.Node) (*G.Node, error) {
				return WeightedBCEWithLogits(in["l"], in["y"], in["w"])
			},
			0.25*ln(2) + 0.25*ln(2) + 0.5*ln(4)},
		{"mean squared distance of (1, 2, 3) and (1, 0, 0): (0 + 4 + 9)/3",
			map[string][][]float32{"a": {{1, 2, 3}}, "b": {{1, 0, 0}}},
			func(in map[string]*G.Node) (*G.Node, error) { return MeanSquaredDistance(in["a"], in["b"]) },
			13.0 / 3},
		{"row entropy: (0, 0) → log 2; (0, log 3) → −(¼ log ¼ + ¾ log ¾)",
			map[string][][]float32{"x": {{0, 0}, {0, float32(ln(3))}}},
			func(in map[string]*G.Node) (*G.Node, error) { return mean(RowEntropy(in["x"])) },
			(ln(2) - (0.25*ln(0.25) + 0.75*ln(0.75))) / 2},
		{"row cross-entropy to soft targets (½, ½) on logits (0, log 3): −½ log ¼ − ½ log ¾",
			map[string][][]float32{"x": {{0, float32(ln(3))}}, "t": {{0.5, 0.5}}},
			func(in map[string]*G.Node) (*G.Node, error) { return mean(RowCrossEntropy(in["x"], in["t"])) },
			-0.5*ln(0.25) - 0.5*ln(0.75)},
		{"softmax of (0, log 3) is (¼, ¾): the squared distance to (1, 0) is (¾)² + (¾)²",
			map[string][][]float32{"x": {{0, float32(ln(3))}}, "t": {{1, 0}}},
			func(in map[string]*G.Node) (*G.Node, error) {
				p, err := Softmax(in["x"])
				if err != nil {
					return nil, err
				}
				return mean(RowSquaredDistance(p, in["t"]))
			},
			2 * 0.5625},
		{"row mean squared distance of (1, 2, 3) and (1, 0, 0): 13/3 per row",
			map[string][][]float32{"a": {{1, 2, 3}, {1, 2, 3}}, "b": {{1, 0, 0}, {1, 0, 0}}},
			func(in map[string]*G.Node) (*G.Node, error) { return mean(RowMeanSquaredDistance(in["a"], in["b"])) },
			13.0 / 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := EvaluateScalar(tt.inputs, tt.loss)
			require.NoError(t, err)
			assert.InDelta(t, tt.want, got, 1e-5*math.Max(1, math.Abs(tt.want)))
		})
	}
}

func TestEvaluateScalarErrors(t *testing.T) {
	sum := func(in map[string]*G.Node) (*G.Node, error) { return G.Sum(in["x"]) }
	_, err := EvaluateScalar(map[string][][]float32{"x": {}}, sum)
	assert.ErrorContains(t, err, "input x is empty")
	_, err = EvaluateScalar(map[string][][]float32{"x": {{1, 2}, {3}}}, sum)
	assert.ErrorContains(t, err, "input x: row 1 has 1 values, row 0 has 2")
}
