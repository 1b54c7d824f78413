using k8s.Models;

namespace Jobman.Kubernetes.Kueue;

/// <summary>Kubernetes quantities compared as numbers (the client's parser); an unparsable text is null.</summary>
public static class KueueQuantity
{
    public static decimal? Value(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return new ResourceQuantity(text).ToDecimal();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }
}
