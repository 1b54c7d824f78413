namespace Jobman.Cli.Hosting;

/// <summary>The text after the command list in <c>jobman --help</c>.</summary>
internal static class RootHelp
{
    public const string Text = """

Settings are read from the template shipped with jobman, then ~/.jobman/settings.json, then -s FILE
(objects merge key by key; arrays and values replace).
Plugins are loaded from <tool dir>/plugins, JOBMAN_PLUGINS_PATH and ~/.jobman/plugins ('jobman plugins').

Exit codes:
  0    success
  1    the operation failed: the cluster or registry said no (not found, forbidden, conflict, error),
       could not be reached, or the job failed under --wait
  2    usage error: found before any request (bad option or value, invalid name, bad settings or input file)
  130  cancelled with Ctrl+C
""";
}
