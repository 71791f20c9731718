package main

import (
	"bytes"
	"github.com/stretchr/testify/assert"
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

// assertOutput checks that out contains each of contains and none of notContains.
func assertOutput(t *testing.T, out string, contains, notContains []string) {
	t.Helper()
	for _, s := range contains {
		assert.Contains(t, out, s)
	}
	for _, s := range notContains {
		assert.NotContains(t, out, s)
	}
}
