using System.Text.Json.Nodes;

namespace Jobman.Core.Settings;

/// <summary>The <c>job.resources</c> settings.</summary>
public sealed record ResourcesSettings
{
    /// <summary>Name of the default flavor.</summary>
    public string? Default { get; init; }

    /// <summary>Annotation key under which the flavor name is stored on the job.</summary>
    public string? Label { get; init; }

    /// <summary>The predefined flavors, as written in settings (parsed by <see cref="Flavors.ResourceFlavorParser"/>).</summary>
    public JsonArray? Predefined { get; init; }
}
