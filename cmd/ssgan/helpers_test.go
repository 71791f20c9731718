package main

import (
	"bytes"
	"testing"

	"github.com/spf13/cobra"
)

// runCmd executes the command newCmd builds with args and returns its output (stdout and stderr).
func runCmd(t *testing.T, newCmd func() *cobra.Command, args ...string) (string, error) {
	t.Helper()
	cmd := newCmd()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}
