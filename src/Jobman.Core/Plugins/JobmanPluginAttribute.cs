namespace Jobman.Core.Plugins;

/// <summary>Marks an assembly as a jobman plugin and names its <see cref="IJobmanPlugin"/> entry type.</summary>
/// <param name="entryType">A public type implementing <see cref="IJobmanPlugin"/> with a parameterless constructor.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class JobmanPluginAttribute(Type entryType) : Attribute
{
    /// <summary>The entry type.</summary>
    public Type EntryType { get; } = entryType;
}
