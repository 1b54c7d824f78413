// Fixtures run in parallel: each test starts its own API server double on 127.0.0.1:0 and runs the host in-process
// through JobmanRunner (own home, environment and streams), so fixtures share no process-wide state. Mostly I/O-bound
// (HTTP to the double, child processes), hence more workers than cores.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]
