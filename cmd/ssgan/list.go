package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/experiments"
)

func init() { extraCommands = append(extraCommands, newListCmd) }

// newListCmd returns "list": the registered experiments with a one-line description each, or
// with --methods the registered methods, their kind and their own settings' defaults.
func newListCmd() *cobra.Command {
	var listMethods bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the named experiments (or, with --methods, the methods)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			if listMethods {
				for _, name := range experiments.MethodNames("") {
					m, _ := experiments.LookupMethod(name)
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", name, m.Kind, paramsText(m.Params), m.Summary)
				}
				return w.Flush()
			}
			for _, name := range experiments.Names() {
				s, _ := experiments.Lookup(name)
				fmt.Fprintf(w, "%s\t%s\n", name, s.Description)
			}
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&listMethods, "methods", false, "list the registered methods (model.method in a spec) with their settings (model.params) and defaults")
	return cmd
}

// paramsText formats a method's settings as "key=default ..." ("-" for none).
func paramsText(p map[string]float64) string {
	if len(p) == 0 {
		return "-"
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(p)) {
		parts = append(parts, fmt.Sprintf("%s=%g", k, p[k]))
	}
	return strings.Join(parts, " ")
}
