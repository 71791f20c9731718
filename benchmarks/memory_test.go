package benchmarks

import (
	"github.com/ssgan/ssgan/core"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat"
)

// rssBytes returns the resident set size from /proc/self/statm (0 where there is none).
func rssBytes() float64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseFloat(f[1], 64)
	if err != nil {
		return 0
	}
	return pages * float64(os.Getpagesize())
}

// gcShare returns the CPU seconds spent in garbage collection and in total so far.
func gcShare() (gc, total float64) {
	s := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/cpu/classes/total:cpu-seconds"}}
	metrics.Read(s)
	return s[0].Value.Float64(), s[1].Value.Float64()
}

// BenchmarkSSGANSteadyState runs SSGAN iterations (use -benchtime 1000x) and reports the resident
// memory at the start and end of the measured stretch, the slope of a least-squares line through
// RSS sampled every 25 iterations (bytes per iteration; flat memory is a slope near zero), and
// the share of CPU time spent in garbage collection. The first 50 iterations warm up (buffers
// are allocated on first use) and are not measured.
func BenchmarkSSGANSteadyState(b *testing.B) {
	m, bt := newModel(b, "ssgan")
	defer m.Close()
	plan := core.DefaultPlan(m.Capabilities())
	for range 50 {
		_, err := m.Step(plan, bt)
		require.NoError(b, err)
	}
	gc0, cpu0 := gcShare()
	var its, rss []float64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%25 == 0 {
			its, rss = append(its, float64(i)), append(rss, rssBytes())
		}
		if _, err := m.Step(plan, bt); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	its, rss = append(its, float64(b.N)), append(rss, rssBytes())
	gc1, cpu1 := gcShare()
	_, slope := stat.LinearRegression(its, rss, nil, false)
	b.ReportMetric(rss[0]/(1<<20), "rss_start_MB")
	b.ReportMetric(rss[len(rss)-1]/(1<<20), "rss_end_MB")
	b.ReportMetric(slope, "rss_B/iter")
	b.ReportMetric(100*(gc1-gc0)/(cpu1-cpu0), "gc_cpu_%")
}
