namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

/// <summary>The registry could not bind its port (taken between choosing and binding it).</summary>
internal sealed class PortTakenException(string log) : Exception($"docker-registry could not bind its port:\n{log}");
