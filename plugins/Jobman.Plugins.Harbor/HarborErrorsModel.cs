using System.Text.Json.Serialization;

namespace Jobman.Plugins.Harbor;

/// <summary>swagger definition <c>Errors</c>: <c>{"errors":[{"code","message"}]}</c>.</summary>
internal sealed class HarborErrorsModel
{
    [JsonPropertyName("errors")]
    public List<HarborErrorModel>? Errors { get; init; }
}
