namespace Jobman.Sandbox.Kubernetes;

/// <summary>One context of a kubeconfig: its name, the user's bearer token (null: no credentials) and default namespace.</summary>
public sealed record KubeconfigContext(string Name, string? Token, string? Namespace);
