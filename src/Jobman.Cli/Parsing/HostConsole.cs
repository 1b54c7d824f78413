using Jobman.Cli.Hosting;
using McMaster.Extensions.CommandLineUtils;

namespace Jobman.Cli.Parsing;

/// <summary>
/// Gives CommandLineUtils the host's streams. It always reports redirected output because CommandLineUtils 2.3.0
/// otherwise pipes help through <c>less</c>, which surprises users and hangs tests.
/// </summary>
internal sealed class HostConsole(HostEnvironment environment) : IConsole
{
    public event ConsoleCancelEventHandler? CancelKeyPress
    {
        add { }
        remove { }
    }

    private readonly UsageHintFilter _out = new(environment.Out);

    public TextWriter Out => _out;

    public TextWriter Error => environment.Error;

    public TextReader In => environment.In;

    public bool IsInputRedirected => environment.IsInputRedirected;

    public bool IsOutputRedirected => true;

    public bool IsErrorRedirected => true;

    public ConsoleColor ForegroundColor { get; set; }

    public ConsoleColor BackgroundColor { get; set; }

    public void ResetColor()
    {
    }
}
