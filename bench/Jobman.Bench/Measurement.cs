namespace Jobman.Bench;

/// <summary>One finished child process: wall time, peak resident memory (when <c>/usr/bin/time</c> exists), output.</summary>
internal sealed record Measurement(TimeSpan Wall, long? PeakKilobytes, int ExitCode, string Stdout, long StdoutBytes, string Stderr)
{
    public double PeakMegabytes => PeakKilobytes is { } kb ? kb / 1024.0 : double.NaN;

    public Measurement EnsureSucceeded(string what) => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"{what} exited with {ExitCode}: {Stderr.Trim()}");
}
