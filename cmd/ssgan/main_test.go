package main

import (
	"os"
	"testing"
)

// TestMain lets this test binary stand in for the ssgan binary: `run --jobs N` starts its
// tasks as children of os.Executable(), which in a test is the test binary itself, and a
// child started with SSGAN_TEST_AS_CLI=1 runs main instead of the tests.
func TestMain(m *testing.M) {
	if os.Getenv("SSGAN_TEST_AS_CLI") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}
