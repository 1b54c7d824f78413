using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Jobman.Bench;

/// <summary>
/// Runs a command the way a user would (its own process, stdout to a pipe we drain) and measures it. Peak memory
/// comes from GNU time's <c>%M</c> (max RSS of the command), so the bench's own memory never counts.
/// </summary>
internal static class ChildProcess
{
    private const string GnuTime = "/usr/bin/time";
    private const int Excerpt = 300;

    public static bool CanMeasureMemory => File.Exists(GnuTime);

    /// <param name="command">The program.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="environment">Variables to set (null removes an inherited one).</param>
    /// <param name="keepStdout">Keep stdout as text (small outputs); otherwise only count its bytes.</param>
    /// <param name="measureMemory">Wrap in GNU time for the peak RSS (adds ~1 ms; left out for startup timings).</param>
    public static async Task<Measurement> RunAsync(
        string command, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, bool keepStdout = true, bool measureMemory = true)
    {
        var memoryFile = measureMemory && CanMeasureMemory ? Path.GetTempFileName() : null;
        var start = new ProcessStartInfo(memoryFile is null ? command : GnuTime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (memoryFile is not null)
        {
            foreach (var word in new[] { "-f", "%M", "-o", memoryFile, command })
            {
                start.ArgumentList.Add(word);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        process.StandardInput.Close();
        var stdout = DrainAsync(process.StandardOutput.BaseStream, keepStdout);
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var (text, bytes) = await stdout;
        clock.Stop();
        long? peak = null;
        if (memoryFile is not null)
        {
            // GNU time writes "Command exited with non-zero status N" before the figure on failures: take the last line.
            var lines = (await File.ReadAllLinesAsync(memoryFile)).Where(l => l.Length > 0).ToArray();
            peak = lines.Length > 0 && long.TryParse(lines[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : null;
            File.Delete(memoryFile);
        }

        return new Measurement(clock.Elapsed, peak, process.ExitCode, text, bytes, await stderr);
    }

    private static async Task<(string Text, long Bytes)> DrainAsync(Stream stream, bool keep)
    {
        var buffer = new byte[1 << 16];
        var kept = new MemoryStream();
        var tail = new byte[Excerpt];
        var tailLength = 0;
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
            if (keep || kept.Length < Excerpt)
            {
                kept.Write(buffer, 0, keep ? read : (int)Math.Min(read, Excerpt - kept.Length));
            }

            // Without keep, remember the last bytes too, so a size mismatch can be explained.
            var chunk = buffer.AsSpan(Math.Max(0, read - Excerpt), Math.Min(read, Excerpt));
            if (chunk.Length == Excerpt)
            {
                chunk.CopyTo(tail);
            }
            else
            {
                var keepOld = Math.Min(tailLength, Excerpt - chunk.Length);
                tail.AsSpan(tailLength - keepOld, keepOld).CopyTo(tail);
                chunk.CopyTo(tail.AsSpan(keepOld));
                tailLength = keepOld;
            }

            tailLength = Math.Min(Excerpt, tailLength + chunk.Length);
        }

        var text = Encoding.UTF8.GetString(kept.ToArray());
        return (keep ? text : $"{text}\n[...]\n{Encoding.UTF8.GetString(tail, 0, tailLength)}", total);
    }
}
