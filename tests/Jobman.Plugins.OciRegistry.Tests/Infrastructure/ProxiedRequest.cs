namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

/// <summary>One request that reached the proxy.</summary>
internal sealed record ProxiedRequest(DateTimeOffset At, string PathAndQuery, int Status);
