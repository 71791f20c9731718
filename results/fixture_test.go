package results

// syntheticRecords returns made-up records for the tests: every experiment
// is named "synthetic-*", and none of the numbers come from a real run.
//
//   - synthetic-ssgan-100: 3 finished (95, 88, 101 errors), 1 diverged,
//     1 running; seed pairs match synthetic-supervised-100, so Δ is paired.
//   - synthetic-ssgan-50: 2 finished; synthetic-supervised-50 used other
//     seeds, so Δ is Welch.
//   - synthetic-ssgan-20: 1 finished, no supervised run: CI and Δ are n/a.
//   - synthetic-supervised-60000: all labels, 2 finished.
func syntheticRecords() []Record {
	rec := func(exp, method string, labels int, model, data uint64, status string, errs int) Record {
		r := Record{
			Experiment: exp, Method: method, Labels: labels,
			ModelSeed: model, DataSeed: data, Status: status,
			Epochs: 300, Iterations: 300 * 600, TestSize: 10000,
			FinalTestErrors: errs, FinalAccuracy: 1 - float64(errs)/10000,
			BestTestErrors: errs - 5, BestEpoch: 250,
			Seconds: 3000, SecondsPerEpoch: 10, BLAS: "gonum (pure Go)", Threads: 2,
			GoVersion: "go1.26.8", ConfigHash: "synthetic",
		}
		if status != StatusFinished {
			r.Epochs, r.FinalTestErrors, r.FinalAccuracy = 12, 9000, 0.1
		}
		if status == StatusDiverged {
			r.Note = "synthetic divergence: NaN loss"
		}
		return r
	}
	return []Record{
		rec("synthetic-ssgan-100", "ssgan", 100, 1, 1, StatusFinished, 95),
		rec("synthetic-ssgan-100", "ssgan", 100, 2, 2, StatusFinished, 88),
		rec("synthetic-ssgan-100", "ssgan", 100, 3, 3, StatusFinished, 101),
		rec("synthetic-ssgan-100", "ssgan", 100, 4, 4, StatusDiverged, 0),
		rec("synthetic-ssgan-100", "ssgan", 100, 5, 5, StatusRunning, 0),
		rec("synthetic-supervised-100", "supervised", 100, 3, 3, StatusFinished, 2302),
		rec("synthetic-supervised-100", "supervised", 100, 1, 1, StatusFinished, 2210),
		rec("synthetic-supervised-100", "supervised", 100, 2, 2, StatusFinished, 2050),
		rec("synthetic-ssgan-50", "ssgan", 50, 1, 1, StatusFinished, 300),
		rec("synthetic-ssgan-50", "ssgan", 50, 2, 2, StatusFinished, 180),
		rec("synthetic-supervised-50", "supervised", 50, 7, 7, StatusFinished, 2100),
		rec("synthetic-supervised-50", "supervised", 50, 8, 8, StatusFinished, 1950),
		rec("synthetic-supervised-50", "supervised", 50, 9, 9, StatusFinished, 2350),
		rec("synthetic-ssgan-20", "ssgan", 20, 1, 1, StatusFinished, 1500),
		rec("synthetic-supervised-60000", "supervised", 60000, 1, 1, StatusFinished, 81),
		rec("synthetic-supervised-60000", "supervised", 60000, 2, 2, StatusFinished, 79),
	}
}
