using Jobman.Core.Flavors;
using Jobman.Core.Settings;

namespace Jobman.Cli.BuiltIn;

/// <summary>Flavors from <c>job.resources.predefined</c>.</summary>
internal sealed class SettingsFlavorProvider(JobmanSettings settings) : IResourceFlavorProvider
{
    public string Source => "settings";

    public Task<IReadOnlyList<ResourceFlavor>> GetFlavorsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ResourceFlavorParser.ParseList(settings.Job.Resources.Predefined, Source, "settings job.resources.predefined"));
}
