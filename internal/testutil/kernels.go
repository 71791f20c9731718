package testutil

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/sys/cpu"

	"github.com/ssgan/ssgan/internal/engine"
)

// underKernelsEnv marks a test binary started by RunUnderKernels, so that it never starts another.
const underKernelsEnv = "SSGAN_TEST_UNDER_KERNELS"

// RunUnderKernels lets a test whose record was made under one BLAS kernel set ("openblas/Zen")
// compare bit for bit on any machine that can run those kernels. When this process already has
// them it returns false and the test goes on here. When it has others, OpenBLAS can only switch
// as it loads, so the test binary runs the calling test again in a child process with
// OPENBLAS_CORETYPE set, the test fails with the child's output if the child fails, and it
// returns true: the caller returns. Where the kernels cannot run here (another BLAS, a CPU
// without AVX2 and FMA for the Haswell-class kernels, or an OpenBLAS that does not take them,
// in which case the child skips) it returns false with reason saying why, and the caller
// decides what to compare instead.
func RunUnderKernels(t *testing.T, kernels string) (ranInChild bool, reason string) {
	t.Helper()
	if Kernels() == kernels {
		return false, ""
	}
	blas, core, ok := strings.Cut(kernels, "/")
	switch {
	case !ok || blas != engine.BLAS:
		return false, fmt.Sprintf("recorded under %s, this build has %s", kernels, Kernels())
	case os.Getenv(underKernelsEnv) != "":
		// The child of a parent below: OpenBLAS did not take the kernels; the parent falls back.
		t.Skipf("OPENBLAS_CORETYPE=%s gave %s, not %s", core, Kernels(), kernels)
	case !runsHaswellKernels(core):
		return false, fmt.Sprintf("recorded under %s, which this CPU cannot run (it has %s)", kernels, Kernels())
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+regexp.QuoteMeta(t.Name())+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "OPENBLAS_CORETYPE="+core, underKernelsEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s under %s (a child process with OPENBLAS_CORETYPE=%s): %v\n%s", t.Name(), kernels, core, err, out)
	}
	if strings.Contains(string(out), "--- SKIP: "+t.Name()) {
		return false, fmt.Sprintf("recorded under %s, which OpenBLAS would not take here (it has %s)", kernels, Kernels())
	}
	if !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("%s under %s: the child process did not run it:\n%s", t.Name(), kernels, out)
	}
	t.Logf("%s ran under %s in a child process (this one has %s): passed", t.Name(), kernels, Kernels())
	return true, ""
}

// runsHaswellKernels reports whether this CPU runs OpenBLAS's kernel set core: the Haswell-class
// sets (Haswell, Zen) need AVX2 and FMA; others are not attempted.
func runsHaswellKernels(core string) bool {
	switch core {
	case "Haswell", "Zen":
		return cpu.X86.HasAVX2 && cpu.X86.HasFMA
	}
	return false
}
