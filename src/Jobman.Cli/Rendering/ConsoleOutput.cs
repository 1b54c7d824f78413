using System.Text.Json;
using System.Text.Json.Nodes;
using Jobman.Cli.Hosting;
using Jobman.Core.Commands;
using Jobman.Core.Output;
using Jobman.Core.Text;

namespace Jobman.Cli.Rendering;

/// <summary>
/// The host's <see cref="IOutput"/>: results on stdout, messages and prompts on stderr. Everything printed as text
/// goes through <see cref="TerminalText"/> here, once for every command; <see cref="WriteData"/> and <see cref="Out"/>
/// stay exact.
/// </summary>
internal sealed class ConsoleOutput : IOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly HostEnvironment _environment;

    public ConsoleOutput(HostEnvironment environment, OutputFormat format, bool colorEnabled)
    {
        _environment = environment;
        Format = format;
        ColorEnabled = colorEnabled;
    }

    public OutputFormat Format { get; }

    public TextWriter Out => _environment.Out;

    public bool ColorEnabled { get; }

    public bool IsOutputRedirected => _environment.IsOutputRedirected;

    public void StartNextView()
    {
        lock (_environment.OutputLock)
        {
            Out.Write(IsOutputRedirected ? Environment.NewLine : "\u001b[H\u001b[2J");
        }
    }

    public void WriteResult(TableView table, Func<JsonNode?> data)
    {
        lock (_environment.OutputLock)
        {
            if (Format is OutputFormat.Table or OutputFormat.Wide)
            {
                TableRenderer.Render(table, Out, Format == OutputFormat.Wide, ColorEnabled);
                Out.Flush();
            }
            else
            {
                WriteData(data());
            }
        }
    }

    public void WriteData(JsonNode? data)
    {
        lock (_environment.OutputLock)
        {
            if (Format == OutputFormat.Yaml)
            {
                YamlWriter.Write(data, Out);
            }
            else
            {
                Out.WriteLine(data?.ToJsonString(Indented) ?? "null");
            }

            Out.Flush();
        }
    }

    // stdout is buffered (see HostEnvironment): messages flush at once, and stdout is flushed before anything goes
    // to stderr so a terminal shows both in the order they were written.
    public void WriteLine(string text = "", Tone tone = Tone.Plain)
    {
        lock (_environment.OutputLock)
        {
            Out.WriteLine(Ansi.Style(TerminalText.Escape(text), tone, ColorEnabled));
            Out.Flush();
        }
    }

    public void Info(string message)
    {
        lock (_environment.OutputLock)
        {
            Out.Flush();
            _environment.Error.WriteLine(TerminalText.Escape(message));
        }
    }

    public void Warn(string message)
    {
        lock (_environment.OutputLock)
        {
            Out.Flush();
            _environment.Error.WriteLine(Ansi.Style("warning:", Tone.Attention, ColorEnabled) + " " + TerminalText.OneLine(message));
        }
    }

    public bool Confirm(string question)
    {
        lock (_environment.OutputLock)
        {
            Out.Flush();
            _environment.Error.Write($"{TerminalText.Escape(question)} [y/N] ");
            var answer = _environment.In.ReadLine()?.Trim();
            if (answer is null)
            {
                // No input at all (closed stdin, CI): never treat that as consent.
                _environment.Error.WriteLine();
                _environment.Error.WriteLine("no answer on standard input: nothing done (pass --yes to skip this question)");
                return false;
            }

            return (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
        }
    }
}
