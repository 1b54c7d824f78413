using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jobman.Plugins.OciRegistry;

/// <summary>Generated reader of the section (images and submit's image check read it): reflection costs a command ~20 ms of start-up.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowReadingFromString, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(OciRegistrySettings))]
internal sealed partial class OciRegistrySettingsJson : JsonSerializerContext;
