namespace Jobman.Sandbox.Kubernetes;

public sealed record TooManyRequestsFault(int RetryAfterSeconds) : Fault;
