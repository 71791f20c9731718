package results

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLatexEscape checks that every LaTeX special character and the tables' symbols come out as
// text a LaTeX document compiles.
func TestLatexEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain 1.28", "plain 1.28"},
		{"error % & 50_label #3", `error \% \& 50\_label \#3`},
		{"$x^2$ {a} ~b", `\$x\textasciicircum{}2\$ \{a\} \textasciitilde{}b`},
		{`back\slash`, `back\textbackslash{}slash`},
		{"1.28 ± 0.12", `1.28 $\pm$ 0.12`},
		{"Δ error, p<0.0001, ‖x‖", `$\Delta$ error, p$<$0.0001, $\|$x$\|$`},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, latexEscape(tt.in), "escape(%q)", tt.in)
	}
}
