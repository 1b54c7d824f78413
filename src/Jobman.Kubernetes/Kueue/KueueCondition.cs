namespace Jobman.Kubernetes.Kueue;

/// <summary>One metav1.Condition of a Kueue object.</summary>
public sealed record KueueCondition(string Type, bool Status, string Reason, string Message, DateTime? LastTransitionTime);
