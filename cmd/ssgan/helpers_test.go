package main

import (
	"bytes"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// requireOneLineError checks what the CLI printed for bad input: an error on one line, no
// goroutine dump, and every wanted substring in it.
func requireOneLineError(t *testing.T, out, line string, want []string) {
	t.Helper()
	require.NotEmpty(t, line, "an error; output:\n%s", out)
	t.Log(line)
	assert.NotContains(t, line, "\n", "one line")
	assert.NotContains(t, out, "goroutine")
	for _, s := range want {
		assert.Contains(t, line, s)
	}
}
