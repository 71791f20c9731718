// Package metrics computes classification metrics (confusion matrices,
// accuracy, per-class accuracy) and the statistics used to compare runs over
// seeds: summaries with Student-t confidence intervals and paired and Welch
// two-sample t-tests.
package metrics
