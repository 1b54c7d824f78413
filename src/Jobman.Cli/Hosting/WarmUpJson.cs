using System.Text.Json.Serialization;

namespace Jobman.Cli.Hosting;

/// <summary>Generated metadata for <see cref="WarmUpObject"/>.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(WarmUpObject))]
internal sealed partial class WarmUpJson : JsonSerializerContext;
