namespace Jobman.Cli.Hosting;

/// <summary>
/// The global options the host needs before it can build the command tree (settings file, verbosity, colour).
/// They are read from anywhere before <c>--</c>; the parser later accepts them again as inherited options.
/// </summary>
internal sealed record GlobalArguments(string? SettingsPath, bool Verbose, bool NoColor)
{
    public static GlobalArguments Scan(IReadOnlyList<string> args)
    {
        string? settings = null;
        var verbose = false;
        var noColor = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                break;
            }

            if (arg is "-s" or "--settings")
            {
                if (i + 1 >= args.Count)
                {
                    throw Core.JobmanException.Usage($"option '{arg}' needs a settings file path");
                }

                settings = args[++i];
            }
            else if (arg.StartsWith("--settings=", StringComparison.Ordinal))
            {
                settings = arg["--settings=".Length..];
            }
            else if (arg == "--verbose")
            {
                verbose = true;
            }
            else if (arg == "--no-color")
            {
                noColor = true;
            }
        }

        return new GlobalArguments(settings, verbose, noColor);
    }
}
