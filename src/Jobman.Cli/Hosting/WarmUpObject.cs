namespace Jobman.Cli.Hosting;

/// <summary>The object <see cref="FrameworkWarmUp"/> reads.</summary>
internal sealed class WarmUpObject
{
    public string? Name { get; set; }
}
