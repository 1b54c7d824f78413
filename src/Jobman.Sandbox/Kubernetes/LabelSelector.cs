using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// The <c>labelSelector</c> query syntax of apimachinery: comma-separated requirements
/// <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c>, <c>!k</c>.
/// </summary>
internal sealed class LabelSelector
{
    private enum Operator
    {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
    }

    private sealed record Requirement(string Key, Operator Op, IReadOnlyList<string> Values);

    private readonly List<Requirement> _requirements;

    private LabelSelector(List<Requirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Requirement>();
        foreach (var raw in SplitTopLevel(text))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            requirements.Add(ParseRequirement(part));
        }

        return new LabelSelector(requirements);
    }

    public bool Matches(JsonObject? labels)
    {
        foreach (var r in _requirements)
        {
            var present = labels is not null && labels.ContainsKey(r.Key);
            var value = present ? labels![r.Key]?.GetValue<string>() : null;
            var ok = r.Op switch
            {
                Operator.Equals => present && value == r.Values[0],
                Operator.NotEquals => !present || value != r.Values[0],
                Operator.In => present && r.Values.Contains(value),
                Operator.NotIn => !present || !r.Values.Contains(value),
                Operator.Exists => present,
                _ => !present,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    private static Requirement ParseRequirement(string part)
    {
        if (part.StartsWith('!'))
        {
            return new(ValidKey(part[1..].Trim(), part), Operator.DoesNotExist, []);
        }

        var words = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2 && (words[1].StartsWith("in", StringComparison.Ordinal) || words[1].StartsWith("notin", StringComparison.Ordinal))
            && words[1].Contains('('))
        {
            var notIn = words[1].StartsWith("notin", StringComparison.Ordinal);
            var open = words[1].IndexOf('(');
            var close = words[1].LastIndexOf(')');
            if (close < open)
            {
                throw Invalid(part);
            }

            var values = words[1][(open + 1)..close].Split(',', StringSplitOptions.TrimEntries).Where(v => v.Length > 0).ToList();
            return new(ValidKey(words[0], part), notIn ? Operator.NotIn : Operator.In, values);
        }

        foreach (var (token, op) in new[] { ("!=", Operator.NotEquals), ("==", Operator.Equals), ("=", Operator.Equals) })
        {
            var at = part.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                return new(ValidKey(part[..at].Trim(), part), op, [part[(at + token.Length)..].Trim()]);
            }
        }

        return new(ValidKey(part, part), Operator.Exists, []);
    }

    private static string ValidKey(string key, string part) =>
        key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or '=' or '!') ? throw Invalid(part) : key;

    private static ApiError Invalid(string part) =>
        StatusFactory.BadRequest($"unable to parse requirement: found '{part}', expected: identifier");
}
