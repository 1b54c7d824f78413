using System.Globalization;

namespace Jobman.Cli.Updates;

/// <summary>A NuGet (SemVer 2) package version, ordered as NuGet orders them: numbers, then a release after its prereleases.</summary>
internal sealed class PackageVersion : IComparable<PackageVersion>
{
    private readonly long[] _numbers;
    private readonly string[] _prerelease;

    private PackageVersion(string text, long[] numbers, string[] prerelease)
    {
        Text = text;
        _numbers = numbers;
        _prerelease = prerelease;
    }

    public string Text { get; }

    public bool IsPrerelease => _prerelease.Length > 0;

    public static PackageVersion? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var core = text.Split('+')[0];
        var dash = core.IndexOf('-', StringComparison.Ordinal);
        var numbers = (dash < 0 ? core : core[..dash]).Split('.');
        if (numbers.Length is < 1 or > 4)
        {
            return null;
        }

        var parsed = new long[4];
        for (var i = 0; i < numbers.Length; i++)
        {
            if (!long.TryParse(numbers[i], NumberStyles.None, CultureInfo.InvariantCulture, out parsed[i]))
            {
                return null;
            }
        }

        return new PackageVersion(text.Trim(), parsed, dash < 0 ? [] : core[(dash + 1)..].Split('.'));
    }

    public int CompareTo(PackageVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (var i = 0; i < 4; i++)
        {
            var byNumber = _numbers[i].CompareTo(other._numbers[i]);
            if (byNumber != 0)
            {
                return byNumber;
            }
        }

        if (IsPrerelease != other.IsPrerelease)
        {
            return IsPrerelease ? -1 : 1;
        }

        for (var i = 0; i < Math.Min(_prerelease.Length, other._prerelease.Length); i++)
        {
            var byLabel = CompareLabel(_prerelease[i], other._prerelease[i]);
            if (byLabel != 0)
            {
                return byLabel;
            }
        }

        return _prerelease.Length.CompareTo(other._prerelease.Length);
    }

    public override string ToString() => Text;

    private static int CompareLabel(string a, string b)
    {
        var aNumber = long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var x);
        var bNumber = long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var y);
        return (aNumber, bNumber) switch
        {
            (true, true) => x.CompareTo(y),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
        };
    }
}
