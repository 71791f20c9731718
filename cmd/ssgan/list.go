package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/experiments"
)

func init() { extraCommands = append(extraCommands, newListCmd) }

// newListCmd returns "list": the registered experiments with a one-line description each.
func newListCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the named experiments",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			for _, name := range experiments.Names() {
				s, _ := experiments.Lookup(name)
				fmt.Fprintf(w, "%s\t%s\n", name, s.Description)
			}
			return w.Flush()
		},
	}
}
