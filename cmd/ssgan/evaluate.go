package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/experiments"
	"github.com/ssgan/ssgan/internal/engine"
	"github.com/ssgan/ssgan/results"
)

func init() { extraCommands = append(extraCommands, newEvaluateCmd) }

// newEvaluateCmd returns "evaluate WEIGHTS|RUN_DIR [--data-dir DIR]": the test errors of a
// classifier's weights file, compared with the ones its run recorded.
func newEvaluateCmd() *cobra.Command {
	var dataDir string
	cmd := &cobra.Command{
		Use:   "evaluate WEIGHTS|RUN_DIR",
		Short: "Recompute a classifier's test errors from its weights file and compare them with the recorded ones",
		Long: "Rebuild the classifier of a weights file (WEIGHTS, or RUN_DIR/weights.npz, written when a run finishes)\n" +
			"and classify the test set of its data set with it, noise off, as the run's final evaluation did. The\n" +
			"errors are compared with those recorded in the file's meta.json and, for a run directory, with the\n" +
			"final test errors of its result.json (whose weights_sha256 must be the file's). Fails when any of\n" +
			"them differs. The data set is the one the weights were trained on, read from --data-dir or else from\n" +
			"its registered directory (`ssgan data list`; MNIST: $SSGAN_DATA or data/mnist).",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return evaluateWeights(cmd.OutOrStdout(), args[0], dataDir)
		},
	}
	cmd.Flags().StringVar(&dataDir, "data-dir", "", "directory of the data set's four IDX files (default: the registered directory of the weights' data set)")
	return cmd
}

// evaluateWeights prints the test errors of the weights arg names and the comparisons with the
// recorded ones, and fails when any differs.
func evaluateWeights(out io.Writer, arg, dataDir string) error {
	path, runDir, err := experiments.WeightsPath(arg)
	if err != nil {
		return err
	}
	c, err := experiments.LoadClassifier(path)
	if err != nil {
		return err
	}
	defer c.Close()
	m := c.File.Meta
	data, err := datasets.Open(m.Dataset, dataDir)
	if err != nil {
		return err
	}
	ev, err := c.Evaluate(testImagesPath(data), data.Test)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %s (%s, %d labels, seeds %d/%d), %s (%s), sha256 %s\n", path, m.Experiment, m.Method,
		m.Labels, m.ModelSeed, m.DataSeed, plural(m.Epochs, "epoch"), plural(m.Iterations, "iteration"), c.File.SHA256)
	fmt.Fprintf(out, "test errors: %d / %d (%.2f %%) on the %s test set\n", ev.Errors, ev.TestSize, 100*float64(ev.Errors)/float64(ev.TestSize), data.Name)
	var diffs []string
	compare := func(where string, errs, size int) {
		verdict := "match"
		if errs != ev.Errors || size != ev.TestSize {
			verdict = "DIFFER"
			diffs = append(diffs, fmt.Sprintf("%s records %d / %d test errors, the weights make %d / %d", where, errs, size, ev.Errors, ev.TestSize))
		}
		fmt.Fprintf(out, "%s: final test errors %d / %d: %s\n", where, errs, size, verdict)
	}
	if m.FinalTestErrors != nil {
		compare("meta.json", *m.FinalTestErrors, m.TestSize)
	}
	if runDir != "" {
		recPath := filepath.Join(runDir, results.RecordFile)
		rec, err := results.ReadRecord(recPath)
		switch {
		case errors.Is(err, os.ErrNotExist):
			fmt.Fprintf(out, "%s: absent, nothing to compare with\n", recPath)
		case err != nil:
			return err
		default:
			compare(results.RecordFile, rec.FinalTestErrors, rec.TestSize)
			if rec.WeightsSHA256 != c.File.SHA256 {
				diffs = append(diffs, fmt.Sprintf("%s records weights sha256 %q, the file's is %s", results.RecordFile, rec.WeightsSHA256, c.File.SHA256))
			}
		}
	}
	if len(diffs) > 0 {
		return fmt.Errorf("evaluate %s: %s (trained with BLAS %s, evaluated with %s)", path, strings.Join(diffs, "; "), m.BLAS, blasName())
	}
	return nil
}

// testImagesPath names the test images file of a data set (Files lists train images, train
// labels, test images, test labels).
func testImagesPath(d *datasets.Dataset) string {
	if len(d.Files) == 4 {
		return d.Files[2].Path
	}
	return d.Name + " test images"
}

// plural formats n things: "1 epoch", "3 epochs".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// blasName names this binary's matrix-product library as result records do.
func blasName() string {
	if c := engine.CoreName(); c != "" {
		return engine.BLAS + "/" + c
	}
	return engine.BLAS
}
