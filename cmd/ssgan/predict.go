package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/experiments"
)

func init() { extraCommands = append(extraCommands, newPredictCmd) }

// newPredictCmd returns "predict WEIGHTS|RUN_DIR FILE... [--format text|csv|json]".
func newPredictCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "predict WEIGHTS|RUN_DIR FILE...",
		Short: "Classify images (IDX image files or grayscale PNGs) with a classifier's weights file",
		Long: "Classify each image of the FILEs with the classifier of a weights file (WEIGHTS, or RUN_DIR/weights.npz)\n" +
			"and print per image its file (and index, for an IDX file), its class and the probabilities of the\n" +
			"classes: the softmax of the class logits, p(class | image) given that the image is real. A FILE is an\n" +
			"IDX image file, raw or gzip-compressed, such as t10k-images-idx3-ubyte.gz, or a PNG; images must have\n" +
			"the size the weights were trained on (28×28 for MNIST) and, like MNIST, a dark background (pixel 0)\n" +
			"under a light figure (255). A colour PNG is converted to gray. --format csv and json print the same\n" +
			"numbers for programs.",
		Args:         cobra.MinimumNArgs(2),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return predict(cmd.OutOrStdout(), args[0], args[1:], format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, csv or json")
	return cmd
}

// prediction is the result for one image.
type prediction struct {
	File          string    `json:"file"`
	Index         *int      `json:"index,omitempty"`
	Class         int       `json:"class"`
	Probabilities []float64 `json:"probabilities"`
}

// name is the image's name in text output: FILE, or FILE[INDEX] for an image of an IDX file.
func (p prediction) name() string {
	if p.Index == nil {
		return p.File
	}
	return fmt.Sprintf("%s[%d]", p.File, *p.Index)
}

// predict classifies the images of files with the weights arg names and prints them.
func predict(out io.Writer, arg string, files []string, format string) error {
	write, ok := predictionWriters[format]
	if !ok {
		return fmt.Errorf("--format %q: want text, csv or json", format)
	}
	path, _, err := experiments.WeightsPath(arg)
	if err != nil {
		return err
	}
	c, err := experiments.LoadClassifier(path)
	if err != nil {
		return err
	}
	defer c.Close()
	var inputs []*inputFile
	var pixels []float32
	for _, f := range files {
		in, err := readInputFile(f)
		if err != nil {
			return err
		}
		if err := c.CheckImages(f, in.images); err != nil {
			return err
		}
		inputs = append(inputs, in)
		pixels = append(pixels, c.Pixels(in.images)...)
	}
	classes, probs, err := c.Model.Classify(pixels)
	if err != nil {
		return err
	}
	var preds []prediction
	for _, in := range inputs {
		for i := 0; i < in.images.N; i++ {
			p := prediction{File: in.path, Class: classes[len(preds)], Probabilities: probs[len(preds)]}
			if in.indexed {
				p.Index = &i
			}
			preds = append(preds, p)
		}
	}
	return write(out, preds, c.Model.Cfg.Classes)
}

// predictionWriters print predictions in each --format.
var predictionWriters = map[string]func(io.Writer, []prediction, int) error{
	"text": writePredictionsText,
	"csv":  writePredictionsCSV,
	"json": writePredictionsJSON,
}

// writePredictionsText prints an aligned table with the probabilities to 4 decimals.
func writePredictionsText(out io.Writer, preds []prediction, classes int) error {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "image\tclass")
	for k := range classes {
		fmt.Fprintf(tw, "\tp(%d)", k)
	}
	fmt.Fprintln(tw)
	for _, p := range preds {
		fmt.Fprintf(tw, "%s\t%d", p.name(), p.Class)
		for _, v := range p.Probabilities {
			fmt.Fprintf(tw, "\t%.4f", v)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// writePredictionsCSV prints file, index (empty for a PNG), class and p0..pK-1 at full precision.
func writePredictionsCSV(out io.Writer, preds []prediction, classes int) error {
	w := csv.NewWriter(out)
	head := []string{"file", "index", "class"}
	for k := range classes {
		head = append(head, fmt.Sprintf("p%d", k))
	}
	if err := w.Write(head); err != nil {
		return err
	}
	for _, p := range preds {
		row := []string{p.File, "", strconv.Itoa(p.Class)}
		if p.Index != nil {
			row[1] = strconv.Itoa(*p.Index)
		}
		for _, v := range p.Probabilities {
			row = append(row, strconv.FormatFloat(v, 'g', -1, 64))
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// writePredictionsJSON prints a JSON array of the predictions, one a line.
func writePredictionsJSON(out io.Writer, preds []prediction, _ int) error {
	var b bytes.Buffer
	b.WriteString("[")
	for i, p := range preds {
		line, err := json.Marshal(p)
		if err != nil {
			return err
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  ")
		b.Write(line)
	}
	b.WriteString("\n]\n")
	_, err := out.Write(b.Bytes())
	return err
}
