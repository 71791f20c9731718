package semi

import (
	"maps"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core/nn"
)

// mtPerturbEMA moves the moving average away from D (at Init they are equal, and a teacher equal
// to the student gives a zero consistency loss with a zero gradient), by N(0, 0.1²) per value.
func mtPerturbEMA(l *Learner) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, p := range l.EMA {
		d := p.Data()
		for i := range d {
			d[i] += float32(0.1 * rng.NormFloat64())
		}
	}
}

// TestMeanTeacherGradients checks the whole loss's gradient with the teacher's targets (from a
// moving average moved away from D) held fixed.
func TestMeanTeacherGradients(t *testing.T) {
	checkLearnerGradients(t, NewMeanTeacher, MeanTeacherParams, func(l *Learner) error {
		mtPerturbEMA(l)
		return l.before()
	})
}

// TestMeanTeacherRampUp: w(t) = w_max·exp(−5(1 − t/T)²) before T, w_max after; with the
// defaults w_max = 10 and T = 3000: w(0) = 10·e⁻⁵ = 0.0673795, w(1500) = 10·e^(−5·0.25) =
// 10·e^(−1.25) = 2.8650480, w(2400) = 10·e^(−5·0.04) = 10·e^(−0.2) = 8.1873075, and 10 from
// 3000 on. A ramp-up of 0 is w_max from the start. The teacher's pass sets the decay of the
// average's next update: rampup_decay (0.99) before T, the config's EMADecay (0.999) after.
func TestMeanTeacherRampUp(t *testing.T) {
	noRamp := maps.Clone(MeanTeacherParams)
	noRamp["rampup"] = 0
	cases := []struct {
		name        string
		params      map[string]float64
		iter        int
		weight, ema float64
	}{
		{"start", MeanTeacherParams, 0, 0.0673795, 0.99},
		{"half", MeanTeacherParams, 1500, 2.8650480, 0.99},
		{"four fifths", MeanTeacherParams, 2400, 8.1873075, 0.99},
		{"last of the ramp", MeanTeacherParams, 2999, 10 * math.Exp(-5.0/3000/3000), 0.99},
		{"end", MeanTeacherParams, 3000, 10, 0.999},
		{"after", MeanTeacherParams, 6000, 10, 0.999},
		{"no ramp", noRamp, 0, 10, 0.999},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := tinyConfig(tc.params)
			l, err := NewMeanTeacher(c, 3)
			require.NoError(t, err)
			defer l.Close()
			require.NoError(t, l.Init(make([]float32, c.InitRows*c.InputDim)))
			assert.InDelta(t, tc.weight, l.weight(tc.iter), 1e-6)
			l.DOpt.T = tc.iter
			require.NoError(t, l.before())
			assert.Equal(t, tc.ema, l.Cfg.EMADecay)
		})
	}
}

// TestMeanTeacherPass: the teacher's pass writes its targets and nothing else: D's parameters
// and the moving average are unchanged bit for bit. With the noise off its targets are the
// moving average's class probabilities (Probabilities with averaged weights), not D's; with the
// noise on it makes its own draws, one fill per noise layer (the input's and one per hidden
// layer), so two passes over the same rows give different targets.
func TestMeanTeacherPass(t *testing.T) {
	for _, noise := range []bool{false, true} {
		name := map[bool]string{false: "noise off", true: "noise on"}[noise]
		t.Run(name, func(t *testing.T) {
			c := tinyConfig(MeanTeacherParams)
			if noise {
				c.InputNoise, c.HiddenNoise = 0.3, 0.5
			}
			l, mt, err := newMeanTeacher(c, 3)
			require.NoError(t, err)
			defer l.Close()
			initTiny(t, l, c)
			mtPerturbEMA(l)
			d, ema := nn.CloneParams(l.D.Params()), nn.CloneParams(l.EMA)
			fills := l.NoiseSrc.Fills()

			require.NoError(t, l.before())
			targets := append([]float32(nil), mt.targets...)

			for i, p := range l.D.Params() {
				require.Equal(t, d[i].Data(), p.Data(), "D's %s", p.Name)
			}
			for i, p := range l.EMA {
				require.Equal(t, ema[i].Data(), p.Data(), "EMA's %s", p.Name)
			}
			if !noise {
				require.Equal(t, fills, l.NoiseSrc.Fills(), "noise draws with the noise off")
				avg, err := l.Probabilities(l.Unlabeled(), true)
				require.NoError(t, err)
				own, err := l.Probabilities(l.Unlabeled(), false)
				require.NoError(t, err)
				require.InDeltaSlice(t, avg, targets, 1e-6, "the moving average's probabilities")
				assert.Greater(t, mtMaxAbsDiff(own, targets), 1e-3, "D's own probabilities")
				return
			}
			require.Equal(t, fills+uint64(1+len(c.DHidden)), l.NoiseSrc.Fills(), "one fill per noise layer")
			require.NoError(t, l.before())
			assert.Greater(t, mtMaxAbsDiff(targets, mt.targets), 1e-3, "a second pass, other noise")
		})
	}
}

func mtMaxAbsDiff(a, b []float32) float64 {
	m := 0.0
	for i := range a {
		m = math.Max(m, math.Abs(float64(a[i]-b[i])))
	}
	return m
}

func TestMeanTeacherRejectsBadParams(t *testing.T) {
	cases := []struct {
		key string
		v   float64
	}{
		{"weight", -1}, {"weight", math.NaN()}, {"rampup", -1}, {"rampup", math.Inf(1)},
		{"rampup_decay", 1}, {"rampup_decay", -0.1},
	}
	for _, tc := range cases {
		t.Run(tc.key, func(t *testing.T) {
			p := maps.Clone(MeanTeacherParams)
			p[tc.key] = tc.v
			_, err := NewMeanTeacher(tinyConfig(p), 3)
			require.ErrorContains(t, err, tc.key)
		})
	}
}

// TestMeanTeacherLearns: 300 iterations on 100 labels with the default settings (so a teacher
// of decay 0.99 and a consistency weight of at most 10·e^(−5·0.81) ≈ 0.17). Chance is 9,000
// errors.
func TestMeanTeacherLearns(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for 300 iterations")
	}
	errs := shortRun(t, NewMeanTeacher, MeanTeacherParams, 300)
	t.Logf("meanteacher: %d test errors after 300 iterations", errs)
	require.Less(t, errs, 4000)
}
