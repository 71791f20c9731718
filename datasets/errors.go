package datasets

import "fmt"

// FormatError reports a data file whose content is malformed: bad magic,
// truncated data, an out-of-range label, trailing bytes and so on. Callers can
// detect it with errors.As.
type FormatError struct {
	// File is the name of the file as given by the caller (usually its path).
	File string
	// Problem describes what is wrong, e.g. "truncated: want 784 bytes, got 10".
	Problem string
	// Err is the underlying error, if any (for example a gzip error).
	Err error
}

// Error returns "datasets: FILE: PROBLEM".
func (e *FormatError) Error() string {
	return fmt.Sprintf("datasets: %s: %s", e.File, e.Problem)
}

// Unwrap returns the underlying error, if any.
func (e *FormatError) Unwrap() error { return e.Err }

func formatErr(file string, err error, format string, args ...any) *FormatError {
	return &FormatError{File: file, Problem: fmt.Sprintf(format, args...), Err: err}
}
