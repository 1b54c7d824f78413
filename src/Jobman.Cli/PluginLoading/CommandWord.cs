namespace Jobman.Cli.PluginLoading;

/// <summary>The command named on a command line: the first word that is neither an option nor a global option's value.</summary>
internal static class CommandWord
{
    public static string? Find(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                return null;
            }

            if (arg is "-s" or "--settings")
            {
                i++;
                continue;
            }

            if (!arg.StartsWith('-'))
            {
                return arg;
            }
        }

        return null;
    }
}
