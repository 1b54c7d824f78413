namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

/// <summary>One request the token server answered.</summary>
internal sealed record TokenRequest(string? User, IReadOnlyList<string> Scopes, string? Service, int Status);
