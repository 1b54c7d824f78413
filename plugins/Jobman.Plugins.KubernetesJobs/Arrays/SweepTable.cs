using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using Jobman.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Jobman.Plugins.KubernetesJobs.Arrays;

/// <summary>
/// The rows of a <c>--sweep</c> file: a CSV file with a header row, or a YAML (or JSON) list of maps. Row i (from 0)
/// is task i; each column becomes an environment variable of that task's container, its value taken literally.
/// </summary>
internal sealed partial class SweepTable
{
    private SweepTable(string fileName, List<IReadOnlyList<KeyValuePair<string, string>>> rows)
    {
        FileName = fileName;
        Rows = rows;
    }

    /// <summary>The file's name without its folder (recorded on the job).</summary>
    public string FileName { get; }

    public IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Rows { get; }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();

    /// <exception cref="JobmanException">Unreadable file, unknown format, bad syntax or bad column names (exit code 2).</exception>
    public static SweepTable Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw JobmanException.Usage($"--sweep '{path}' cannot be read: {ex.Message}", ex);
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        var rows = extension switch
        {
            ".csv" => ReadCsv(text, path),
            ".yaml" or ".yml" or ".json" => ReadYaml(text, path),
            _ => throw JobmanException.Usage($"--sweep '{path}': use a .csv file with a header row, or a .yaml/.yml/.json list of maps"),
        };
        if (rows.Count == 0)
        {
            throw JobmanException.Usage($"--sweep '{path}' has no rows");
        }

        if (rows.Count > ArraySpec.MaxTasks)
        {
            throw JobmanException.Usage($"--sweep '{path}' has {rows.Count} rows; one job runs at most {ArraySpec.MaxTasks}");
        }

        return new SweepTable(Path.GetFileName(path), rows);
    }

    /// <summary>Checks a column name: it becomes a shell-free environment variable name, and jobman's own are kept.</summary>
    public static void ValidateName(string name, string where)
    {
        if (!VariableName().IsMatch(name))
        {
            throw JobmanException.Usage($"{where}: column '{Jobman.Core.Text.TerminalText.OneLine(name)}' is not an environment variable name (letters, digits and '_', not starting with a digit)");
        }

        if (name.StartsWith("JOBMAN_", StringComparison.Ordinal) || name == "JOB_COMPLETION_INDEX")
        {
            throw JobmanException.Usage($"{where}: column '{name}' is a name jobman or Kubernetes sets; rename it");
        }
    }

    private static List<IReadOnlyList<KeyValuePair<string, string>>> ReadCsv(string text, string path)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = true };
        var rows = new List<IReadOnlyList<KeyValuePair<string, string>>>();
        try
        {
            using var reader = new StringReader(text);
            using var csv = new CsvReader(reader, config);
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
            {
                throw JobmanException.Usage($"--sweep '{path}' has no header row");
            }

            var names = header.Select(h => h.Trim()).ToArray();
            foreach (var name in names)
            {
                ValidateName(name, $"--sweep '{path}'");
            }

            if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            {
                throw JobmanException.Usage($"--sweep '{path}': the header names a column twice");
            }

            while (csv.Read())
            {
                rows.Add(names.Select((name, i) => KeyValuePair.Create(name, csv.GetField(i) ?? string.Empty)).ToList());
            }
        }
        catch (CsvHelperException ex)
        {
            throw JobmanException.Usage($"--sweep '{path}' is not valid CSV (row {ex.Context?.Parser?.Row}): every row needs as many fields as the header", ex);
        }

        return rows;
    }

    private static List<IReadOnlyList<KeyValuePair<string, string>>> ReadYaml(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw JobmanException.Usage($"--sweep '{path}' is not valid YAML (line {ex.Start.Line}): {Jobman.Core.Text.TerminalText.OneLine(ex.Message)}", ex);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlSequenceNode list)
        {
            throw JobmanException.Usage($"--sweep '{path}' must be one YAML list of maps, e.g. '- {{lr: 0.1, batch: 32}}'");
        }

        var rows = new List<IReadOnlyList<KeyValuePair<string, string>>>();
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode map)
            {
                throw JobmanException.Usage($"--sweep '{path}': row {rows.Count} (line {item.Start.Line}) is not a map of NAME: value");
            }

            var row = new List<KeyValuePair<string, string>>();
            foreach (var (key, value) in map.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                ValidateName(name, $"--sweep '{path}' row {rows.Count}");
                if (value is not YamlScalarNode scalar)
                {
                    throw JobmanException.Usage($"--sweep '{path}' row {rows.Count}: the value of '{name}' must be a single value, not a list or map");
                }

                if (row.Any(r => r.Key == name))
                {
                    throw JobmanException.Usage($"--sweep '{path}' row {rows.Count} names '{name}' twice");
                }

                // As written in the file: YAML's own typing (0.10 as 0.1, yes as true) would change what the task sees.
                row.Add(KeyValuePair.Create(name, scalar.Value ?? string.Empty));
            }

            rows.Add(row);
        }

        return rows;
    }
}
