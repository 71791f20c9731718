package results

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ssgan/ssgan/metrics"
)

// CollapsedRun is a finished run collapsed onto a class pair (Record.Collapsed).
type CollapsedRun struct {
	ModelSeed, DataSeed uint64
	Pair
}

// seedName reads "seed 2", or "seed 2/3" when the data seed differs from the model seed.
func (c CollapsedRun) seedName() string {
	if c.ModelSeed == c.DataSeed {
		return fmt.Sprintf("seed %d", c.ModelSeed)
	}
	return fmt.Sprintf("seed %d/%d", c.ModelSeed, c.DataSeed)
}

// Collapses counts an engine's collapsed runs among its finished ones.
type Collapses struct {
	// Runs are the collapsed runs, in the order of the engine's errors; Of is how many finished
	// runs were judged, and Unjudged how many had no confusion matrix.
	Runs         []CollapsedRun
	Of, Unjudged int
}

// collapsesOf judges each of rs.
func collapsesOf(rs []Record) Collapses {
	var c Collapses
	for _, r := range rs {
		p, collapsed, ok := r.Collapsed()
		if !ok {
			c.Unjudged++
			continue
		}
		c.Of++
		if collapsed {
			c.Runs = append(c.Runs, CollapsedRun{ModelSeed: r.ModelSeed, DataSeed: r.DataSeed, Pair: p})
		}
	}
	return c
}

// setCollapses fills r's collapse counts from each engine's finished runs and tests them
// against each other with Fisher's exact test, when every run could be judged.
func (r *EngineRow) setCollapses(early, now []Record) {
	r.EarlierCollapses, r.CurrentCollapses = collapsesOf(early), collapsesOf(now)
	if n := r.EarlierCollapses.Unjudged + r.CurrentCollapses.Unjudged; n > 0 {
		r.CollapseNote = fmt.Sprintf("%d unjudged", n)
		return
	}
	p, err := metrics.FisherExact(len(r.EarlierCollapses.Runs), r.EarlierCollapses.Of,
		len(r.CurrentCollapses.Runs), r.CurrentCollapses.Of)
	if err != nil { // cannot happen: the counts come from the runs themselves
		r.CollapseNote = err.Error()
		return
	}
	r.Fisher = &p
}

// renderCollapses writes the second table of RenderEngineComparison: each engine's class-pair
// collapses with the collapsed runs, and Fisher's test of their counts.
func renderCollapses(w io.Writer, rows []EngineRow, format, sep string) error {
	header := []string{"Experiment", "Labels", "Epochs", EngineEarlier + sep + "(collapsed runs)",
		EngineCounter + sep + "(collapsed runs)", "Fisher" + sep + "(p)"}
	var cells [][]string
	for _, r := range rows {
		fisher := notAvailable + sep + "(" + r.CollapseNote + ")"
		if r.Fisher != nil {
			fisher = "p" + pValue(*r.Fisher)
		}
		cells = append(cells, []string{r.Experiment, strconv.Itoa(r.Labels), strconv.Itoa(r.Epochs),
			collapsesCell(r.EarlierCollapses, sep), collapsesCell(r.CurrentCollapses, sep), fisher})
	}
	notes := []string{
		fmt.Sprintf("A run is collapsed onto a class pair when one off-diagonal cell of its final confusion matrix holds 1/%d of the test set or more "+
			"(one class read as another: 50 images of a 10000-image test set); each collapsed run is named with that cell. "+
			"Unjudged: a run whose record has no confusion matrix. Fisher: two-sided Fisher's exact test of the two engines' counts, when every run was judged.", CollapseOneIn),
	}
	return renderNotedTable(w, format, "Class-pair collapses on the two engines", header, cells, notes, "collapse comparison")
}

// collapsesCell formats c as "2 of 8", then each collapsed run ("seed 2: 119 7s read as 2")
// and the unjudged runs' count, each after sep ("\n" in text; in markdown, one line with the runs
// in parentheses).
func collapsesCell(c Collapses, sep string) string {
	parts := []string{fmt.Sprintf("%d of %d", len(c.Runs), c.Of)}
	var runs []string
	for _, r := range c.Runs {
		runs = append(runs, r.seedName()+": "+r.Pair.String())
	}
	if c.Unjudged > 0 {
		runs = append(runs, fmt.Sprintf("+%d unjudged", c.Unjudged))
	}
	if sep == "\n" {
		return strings.Join(append(parts, runs...), sep)
	}
	if len(runs) > 0 {
		parts = append(parts, "("+strings.Join(runs, "; ")+")")
	}
	return strings.Join(parts, sep)
}
