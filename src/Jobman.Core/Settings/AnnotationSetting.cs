namespace Jobman.Core.Settings;

/// <summary>One entry of <c>job.annotations</c>.</summary>
/// <param name="Key">Annotation key.</param>
/// <param name="Value">Literal value, or the name of an environment variable when <paramref name="ValueType"/> is <c>env</c>.</param>
/// <param name="ValueType"><c>string</c> or <c>env</c>.</param>
public sealed record AnnotationSetting(string Key, string? Value, string? ValueType);
