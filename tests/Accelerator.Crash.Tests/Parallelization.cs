// Each test kills processes on a deadline of milliseconds; run them one at a time so that they do not starve each other.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
