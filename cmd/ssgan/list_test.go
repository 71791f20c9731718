package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListCmd(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"experiments", nil, []string{"mnist-ssgan-100 ", "mnist-entmin-100 ", "mnist-supervised-100 "}},
		{"methods", []string{"--methods"}, []string{
			"ssgan ", "supervised ", "gan ", // the built-in methods
			"entmin ", "weight=1 ", // a classic learner and its setting's default
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runCmd(t, newListCmd, tc.args...)
			require.NoError(t, err)
			for _, w := range tc.want {
				assert.Contains(t, out, w)
			}
		})
	}
	_, err := runCmd(t, newListCmd, "extra")
	require.Error(t, err)
}
