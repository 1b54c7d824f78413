using Jobman.Core;
using Jobman.Core.Registries;
using Jobman.Core.Settings;

namespace Jobman.Cli.BuiltIn;

/// <summary>
/// Chooses which registries serve <c>images</c> and <c>image-details</c>: <c>--registry NAME</c>, else the
/// settings key <c>imageRegistry</c> (a name or a list of names), else every configured registry.
/// </summary>
internal sealed class RegistrySelector(IEnumerable<IImageRegistry> registries, JobmanSettings settings)
{
    public IReadOnlyList<IImageRegistry> Select(string? requested)
    {
        var all = registries.ToList();
        var names = requested is not null ? [requested] : SettingsNames();
        if (names.Count == 0)
        {
            var configured = all.Where(r => r.IsConfigured).ToList();
            return configured.Count > 0
                ? configured
                : throw JobmanException.Usage(all.Count == 0
                    ? "no image registry plugin is loaded (see 'jobman plugins')"
                    : $"no image registry is configured: set the 'harbor' or 'ociRegistry' section in settings (available registry plugins: {string.Join(", ", all.Select(r => r.Name))})");
        }

        return names.Select(name => all.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw JobmanException.Usage($"unknown image registry '{name}'; available: {string.Join(", ", all.Select(r => r.Name))}")).ToList();
    }

    private List<string> SettingsNames() => settings.Get("imageRegistry") switch
    {
        System.Text.Json.Nodes.JsonArray array => array.Select(n => n?.GetValue<string>()).OfType<string>().ToList(),
        System.Text.Json.Nodes.JsonValue value when value.TryGetValue<string>(out var s) && s.Length > 0 => [s],
        _ => [],
    };
}
