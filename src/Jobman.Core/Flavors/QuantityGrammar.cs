namespace Jobman.Core.Flavors;

/// <summary>
/// The Kubernetes resource quantity grammar (apimachinery <c>resource.ParseQuantity</c>), checked by hand:
/// <c>sign? digits[.digits] suffix?</c> where the suffix is a binary SI (Ki Mi Gi Ti Pi Ei), a decimal SI
/// (n u m "" k M G T P E) or a decimal exponent (e3, E-2). Resource requests and limits must not be negative.
/// </summary>
public static class QuantityGrammar
{
    private static readonly string[] Suffixes = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n", "u", "m", "k", "M", "G", "T", "P", "E", string.Empty];

    /// <summary>Why <paramref name="text"/> is not a non-negative quantity, or null when it is one.</summary>
    /// <param name="text">The quantity, e.g. <c>500m</c>, <c>4Gi</c>, <c>1e3</c>.</param>
    /// <returns>The problem or null.</returns>
    public static string? Problem(string text)
    {
        if (text.Length == 0)
        {
            return "it is empty";
        }

        var i = 0;
        var negative = false;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            i++;
        }

        var digitsStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var hasDigits = i > digitsStart;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var fractionStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            hasDigits |= i > fractionStart;
        }

        if (!hasDigits || !IsSuffix(text.AsSpan(i)))
        {
            return "it is not a Kubernetes quantity (e.g. 500m, 2, 1.5, 4Gi, 1e3)";
        }

        return negative && text.AsSpan(digitsStart, i - digitsStart).ContainsAnyInRange('1', '9') ? "it is negative" : null;
    }

    private static bool IsSuffix(ReadOnlySpan<char> suffix)
    {
        foreach (var known in Suffixes)
        {
            if (suffix.SequenceEqual(known))
            {
                return true;
            }
        }

        if (suffix.Length < 2 || suffix[0] is not ('e' or 'E'))
        {
            return false;
        }

        var exponent = suffix[1..];
        if (exponent[0] is '+' or '-')
        {
            exponent = exponent[1..];
        }

        return exponent.Length > 0 && !exponent.ContainsAnyExceptInRange('0', '9');
    }
}
