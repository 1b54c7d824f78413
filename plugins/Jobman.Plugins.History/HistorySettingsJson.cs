using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jobman.Plugins.History;

/// <summary>Generated reader of the section: <c>list</c> reads it on every run, and reflection costs ~20 ms there.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowReadingFromString, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(HistorySettings))]
internal sealed partial class HistorySettingsJson : JsonSerializerContext;
