using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Jobman.Cli.PluginLoading;

/// <summary>
/// Reads which Jobman.Core version a plugin was compiled against, from metadata only, so an incompatible plugin
/// is refused before any of its code is loaded.
/// </summary>
internal static class CoreReferenceReader
{
    public static Version? ReferencedCoreVersion(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException($"{assemblyPath} is not a .NET assembly");
        }

        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.AssemblyReferences)
        {
            var reference = reader.GetAssemblyReference(handle);
            if (reader.GetString(reference.Name) == "Jobman.Core")
            {
                return reference.Version;
            }
        }

        return null;
    }
}
