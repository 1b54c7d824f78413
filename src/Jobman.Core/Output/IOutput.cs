using System.Text.Json.Nodes;
using Jobman.Core.Commands;

namespace Jobman.Core.Output;

/// <summary>
/// Where a command writes. Results go to stdout; messages, warnings and prompts go to stderr so that
/// stdout can be piped. Implemented by the host, which knows the terminal, colours and <c>-o</c>.
/// </summary>
public interface IOutput
{
    /// <summary>The format chosen with <c>-o/--output</c> (the command's default when not given).</summary>
    OutputFormat Format { get; }

    /// <summary>Raw standard output, for data that must pass through untouched (logs, manifests).</summary>
    TextWriter Out { get; }

    /// <summary>True when colour and terminal styling may be used.</summary>
    bool ColorEnabled { get; }

    /// <summary>True when stdout is not a terminal (piped or redirected).</summary>
    bool IsOutputRedirected { get; }

    /// <summary>Writes a result: the table for table/wide formats, the data as JSON or YAML otherwise.</summary>
    /// <param name="table">The human-readable view.</param>
    /// <param name="data">The machine-readable view (built only when needed).</param>
    void WriteResult(TableView table, Func<JsonNode?> data);

    /// <summary>Writes data as JSON or YAML according to <see cref="Format"/> (JSON for table formats).</summary>
    /// <param name="data">The document.</param>
    void WriteData(JsonNode? data);

    /// <summary>Writes one line to stdout, styled when colour is enabled.</summary>
    /// <param name="text">The line.</param>
    /// <param name="tone">How to style it.</param>
    void WriteLine(string text = "", Tone tone = Tone.Plain);

    /// <summary>Writes an informational line to stderr (progress, context), so stdout stays clean.</summary>
    /// <param name="message">The message.</param>
    void Info(string message);

    /// <summary>Writes a warning line to stderr.</summary>
    /// <param name="message">The message.</param>
    void Warn(string message);

    /// <summary>Asks a yes/no question on stderr and reads the answer; false when stdin is not interactive.</summary>
    /// <param name="question">The question, without the "[y/N]" suffix.</param>
    /// <returns>True when the user answered yes.</returns>
    bool Confirm(string question);

    /// <summary>
    /// Starts the next whole view of a command that keeps showing fresh state (<c>list --watch</c>): on a terminal the
    /// host clears the screen; otherwise, and in this default (Jobman.Core 1.2, for implementations built against
    /// 1.0/1.1), a blank line separates the views.
    /// </summary>
    void StartNextView() => Out.WriteLine();
}
