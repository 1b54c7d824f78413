using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jobman.Core.Settings;

/// <summary>
/// Generated readers of Core's own settings sections, with the options <see cref="JobmanSettings.Section{T}(string)"/>
/// uses (web defaults: camelCase, case-insensitive keys, numbers from strings). Reflection-based reading of
/// <c>kubeConfig</c> alone cost every Kubernetes command ~20 ms (bench/RESULTS.md, issue 14). The public section
/// records keep their init-only properties (plugins use them); generated code would drop their initial values when
/// a key is missing (dotnet/runtime#84484), so it reads mutable section classes that fill the defaults in.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowReadingFromString, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(JobSection))]
[JsonSerializable(typeof(KubeConfigSection))]
[JsonSerializable(typeof(JobsQueueSection))]
internal sealed partial class SettingsJson : JsonSerializerContext;
