package ssgan

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	G "gorgonia.org/gorgonia"

	"github.com/ssgan/ssgan/core/nn"
)

// TestLossValues checks each loss on small inputs against a value worked out by hand. With K = 2
// class logits (0, 0), Z = 2 and D(x) = Z/(Z+1) = 2/3, so −log D = log 3/2 and
// −log(1 − D) = log 3. The explicit form with a third (fake) logit l must give the implicit form's
// value shifted by l: logits (0, 0, 0) are the implicit (0, 0), and (0, 0, log 2) make D = ½.
func TestLossValues(t *testing.T) {
	ln := math.Log
	tests := []struct {
		name   string
		inputs map[string][][]float32 // input name → rows
		loss   func(in map[string]*G.Node) (*G.Node, error)
		want   float64
	}{
		{
			name:   "supervised: p(y) = 3/4 on both rows",
			inputs: map[string][][]float32{"l": {{0, float32(ln(3))}, {float32(ln(3)), 0}}, "y": {{0, 1}, {1, 0}}},
			loss:   func(in map[string]*G.Node) (*G.Node, error) { return SupervisedLoss(in["l"], in["y"], 2) },
			want:   ln(4.0 / 3),
		},
		{
			name: "supervised, explicit form: the fake logit is not a class",
			inputs: map[string][][]float32{"l": {{0, float32(ln(3)), 5}, {float32(ln(3)), 0, -5}},
				"y": {{0, 1}, {1, 0}}},
			loss: func(in map[string]*G.Node) (*G.Node, error) { return SupervisedLoss(in["l"], in["y"], 2) },
			want: ln(4.0 / 3),
		},
		{
			name:   "unsupervised, implicit: ½·log 3/2 + ½·log 3",
			inputs: map[string][][]float32{"u": {{0, 0}}, "f": {{0, 0}}},
			loss:   func(in map[string]*G.Node) (*G.Node, error) { return UnsupervisedLoss(in["u"], in["f"], 2) },
			want:   0.5*ln(1.5) + 0.5*ln(3),
		},
		{
			name:   "unsupervised, explicit with fake logit 0 = implicit",
			inputs: map[string][][]float32{"u": {{0, 0, 0}}, "f": {{0, 0, 0}}},
			loss:   func(in map[string]*G.Node) (*G.Node, error) { return UnsupervisedLoss(in["u"], in["f"], 2) },
			want:   0.5*ln(1.5) + 0.5*ln(3),
		},
		{
			name:   "unsupervised, explicit with fake logit log 2: D = ½ on both",
			inputs: map[string][][]float32{"u": {{0, 0, float32(ln(2))}}, "f": {{0, 0, float32(ln(2))}}},
			loss:   func(in map[string]*G.Node) (*G.Node, error) { return UnsupervisedLoss(in["u"], in["f"], 2) },
			want:   ln(2),
		},
		{
			name: "unsupervised, implicit, large logits stay finite: D(unl) → 1, D(fake) → 1",
			// lse(100, 100) = 100 + log 2: −log D ≈ e^−(100+log 2) ≈ 0, −log(1 − D) ≈ 100 + log 2.
			inputs: map[string][][]float32{"u": {{100, 100}}, "f": {{100, 100}}},
			loss:   func(in map[string]*G.Node) (*G.Node, error) { return UnsupervisedLoss(in["u"], in["f"], 2) },
			want:   0.5 * (100 + ln(2)),
		},
		{
			name:   "feature matching: batch means (2, 3) and (1, 1)",
			inputs: map[string][][]float32{"r": {{1, 2}, {3, 4}}, "g": {{0, 0}, {2, 2}}},
			loss:   func(in map[string]*G.Node) (*G.Node, error) { return FeatureMatchingLoss(in["r"], in["g"]) },
			want:   (1.0 + 4.0) / 2,
		},
		{
			name:   "non-saturating: −log D(G(z)) = log 3/2",
			inputs: map[string][][]float32{"f": {{0, 0}, {0, 0}}},
			loss:   func(in map[string]*G.Node) (*G.Node, error) { return NonSaturatingLoss(in["f"], 2) },
			want:   ln(1.5),
		},
		{
			name:   "non-saturating, explicit with fake logit log 2: log 2",
			inputs: map[string][][]float32{"f": {{0, 0, float32(ln(2))}}},
			loss:   func(in map[string]*G.Node) (*G.Node, error) { return NonSaturatingLoss(in["f"], 2) },
			want:   ln(2),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := nn.EvaluateScalar(tt.inputs, tt.loss)
			require.NoError(t, err)
			assert.InDelta(t, tt.want, got, 1e-5*math.Max(1, math.Abs(tt.want)))
		})
	}
}
