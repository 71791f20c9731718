// Package results reads and writes the per-run result records (result.json)
// and turns a directory of them into the summary table of the paper
// reproduction, next to the published reference numbers.
package results
