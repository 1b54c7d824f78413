using System.Globalization;
using Jobman.Core.History;
using Jobman.Core.Output;

namespace Jobman.Plugins.KubernetesJobs.Logs;

/// <summary>
/// Prints a kept log copy for a job or pod the cluster no longer has: the bytes on stdout as they were streamed, and
/// on stderr one line saying that it is a local copy and how complete it is.
/// </summary>
internal static class KeptLogPrinter
{
    public static async Task PrintAsync(KeptLog kept, string why, IOutput output, CancellationToken cancellationToken)
    {
        output.Info($"{why}: printing jobman's local copy of its log (pod {kept.Pod}, kept {kept.Written.ToLocalTime():yyyy-MM-dd HH:mm}; {Completeness(kept)})");
        if (output.Out is StreamWriter { BaseStream: { CanWrite: true } stream })
        {
            await output.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            foreach (var file in kept.Files)
            {
                await using var source = File.OpenRead(file);
                await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            }

            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var file in kept.Files)
        {
            await output.Out.WriteAsync(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    private static string Completeness(KeptLog kept)
    {
        var bytes = string.Create(CultureInfo.InvariantCulture, $"{kept.KeptBytes} bytes");
        var dropped = kept.KeptBytes < kept.StreamedBytes
            ? string.Create(CultureInfo.InvariantCulture, $"the last {kept.KeptBytes} of {kept.StreamedBytes} bytes streamed (history.logMaxMiBPerJob dropped the beginning)")
            : null;
        return kept.Whole
            ? dropped ?? $"complete, {bytes}"
            : $"incomplete: streaming stopped before the container ended; {dropped ?? bytes}";
    }
}
