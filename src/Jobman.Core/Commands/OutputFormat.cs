namespace Jobman.Core.Commands;

/// <summary>Formats selectable with <c>-o/--output</c>.</summary>
public enum OutputFormat
{
    /// <summary>Human-readable table.</summary>
    Table,

    /// <summary>Table with extra columns.</summary>
    Wide,

    /// <summary>Machine-readable JSON.</summary>
    Json,

    /// <summary>Machine-readable YAML.</summary>
    Yaml,
}
