using System.Text.Json.Nodes;
using Jobman.Core.Commands;
using Jobman.Core.Output;

namespace Jobman.Plugins.KubernetesJobs.Logs;

/// <summary>
/// An output that shows nothing, for reading a log only to keep its copy (<c>submit --wait</c>). Its stdout is a byte
/// stream, so the copy is byte-exact like one made while printing (<see cref="ByteExactLogTarget"/>).
/// </summary>
internal sealed class SilentOutput : IOutput
{
    public OutputFormat Format => OutputFormat.Table;

    public TextWriter Out { get; } = new StreamWriter(Stream.Null);

    public bool ColorEnabled => false;

    public bool IsOutputRedirected => true;

    public void WriteResult(TableView table, Func<JsonNode?> data)
    {
    }

    public void WriteData(JsonNode? data)
    {
    }

    public void WriteLine(string text = "", Tone tone = Tone.Plain)
    {
    }

    public void Info(string message)
    {
    }

    public void Warn(string message)
    {
    }

    public bool Confirm(string question) => false;
}
