using Jobman.Core.Registries;

namespace Jobman.Plugins.OciRegistry;

/// <summary>What one tag's manifest and config say.</summary>
/// <param name="Tag">Digest, size and creation time.</param>
/// <param name="Description">The description annotation (index, then manifest) or label.</param>
/// <param name="Labels">Config labels, then manifest and index annotations.</param>
internal sealed record InspectedImage(ImageTag Tag, string? Description, IReadOnlyDictionary<string, string> Labels);
