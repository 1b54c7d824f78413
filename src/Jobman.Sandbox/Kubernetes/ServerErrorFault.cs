namespace Jobman.Sandbox.Kubernetes;

public sealed record ServerErrorFault(string Message) : Fault;
