namespace Jobman.Core.Commands;

/// <summary>How many values an option takes.</summary>
public enum OptionArity
{
    /// <summary>A flag without a value, e.g. <c>--dry-run</c>.</summary>
    Flag,

    /// <summary>Exactly one value, e.g. <c>-i IMAGE</c>.</summary>
    Single,

    /// <summary>Repeatable, e.g. <c>-e A=1 -e B=2</c>.</summary>
    Multiple,
}
