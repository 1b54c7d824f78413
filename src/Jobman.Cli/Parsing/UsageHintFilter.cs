using System.Text;

namespace Jobman.Cli.Parsing;

/// <summary>
/// CommandLineUtils writes its "Specify --help ..." hint after a usage error to the console's Out, where it would mix
/// with results. Diagnostics belong on stderr, in the one error line: the host's message carries the hint, so this
/// line is dropped; everything else (help texts) goes to <paramref name="output"/>.
/// </summary>
internal sealed class UsageHintFilter(TextWriter output) : TextWriter
{
    private const string HintStart = "Specify --";

    public override Encoding Encoding => output.Encoding;

    public override void Write(char value) => output.Write(value);

    public override void Write(string? value) => output.Write(value);

    public override void WriteLine(string? value)
    {
        if (value is not null && value.StartsWith(HintStart, StringComparison.Ordinal))
        {
            return;
        }

        output.WriteLine(value);
    }

    public override void Flush() => output.Flush();
}
