using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jobman.Plugins.Harbor;

/// <summary>Generated reader of the section (images and image-details read it): reflection costs a command ~20 ms of start-up.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowReadingFromString, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(HarborSettings))]
internal sealed partial class HarborSettingsJson : JsonSerializerContext;
