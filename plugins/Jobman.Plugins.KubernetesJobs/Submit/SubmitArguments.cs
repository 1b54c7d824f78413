using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;

namespace Jobman.Plugins.KubernetesJobs.Submit;

/// <summary>Parses and validates submit's option values; every failure is a usage error (exit code 2).</summary>
internal static class SubmitArguments
{
    public static List<KeyValuePair<string, string>> Environment(IReadOnlyList<string> values)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw JobmanException.Usage($"-e/--env '{value}' has no value: use NAME=VALUE (NAME= for an empty value)");
            }

            if (equals == 0)
            {
                throw JobmanException.Usage($"-e/--env '{value}' has no variable name: use NAME=VALUE");
            }

            result.Add(new(value[..equals], value[(equals + 1)..]));
        }

        return result;
    }

    /// <summary>Annotations from settings <c>job.annotations</c> (string or env entries).</summary>
    public static List<KeyValuePair<string, string>> SettingsAnnotations(IReadOnlyList<AnnotationSetting>? entries, JobmanEnvironment environment)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var entry in entries ?? [])
        {
            if (string.IsNullOrEmpty(entry.Key))
            {
                throw JobmanException.Usage("settings job.annotations has an entry without a key");
            }

            LabelRules.ValidateKey(entry.Key, "settings job.annotations");

            switch (entry.ValueType?.ToLowerInvariant())
            {
                case null or "string":
                    result.Add(new(entry.Key, entry.Value ?? string.Empty));
                    break;
                case "env":
                    // The value names an environment variable; unset or empty variables add nothing (as the original).
                    var fromEnv = entry.Value is null ? null : environment.GetVariable(entry.Value);
                    if (!string.IsNullOrEmpty(fromEnv))
                    {
                        result.Add(new(entry.Key, fromEnv));
                    }

                    break;
                default:
                    throw JobmanException.Usage($"settings job.annotations entry '{entry.Key}' has valueType '{entry.ValueType}'; use 'string' or 'env'");
            }
        }

        return result;
    }

    /// <summary>The <c>-a</c> JSON object; numbers and booleans become strings, nested values are refused.</summary>
    public static List<KeyValuePair<string, string>> Annotations(string? json)
    {
        if (json is null)
        {
            return [];
        }

        JsonNode? node;
        try
        {
            node = Jobman.Core.Text.StrictJson.Parse(json);
        }
        catch (JsonException ex)
        {
            throw JobmanException.Usage($"-a/--annotations is not valid JSON (expected an object like '{{\"key\":\"value\"}}'): {Jobman.Core.Text.TerminalText.OneLine(ex.Message)}", ex);
        }

        if (node is not JsonObject obj)
        {
            throw JobmanException.Usage("-a/--annotations must be a JSON object like '{\"key\":\"value\"}'");
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in obj)
        {
            LabelRules.ValidateKey(key, "-a/--annotations");
            var text = value switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
                _ => throw JobmanException.Usage($"-a/--annotations value of '{key}' must be a string"),
            };
            result.Add(new(key, text));
        }

        return result;
    }

    public static int? NonNegativeInt(string? value, string option)
    {
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw JobmanException.Usage($"{option} '{value}' must be a whole number of 0 or more");
        }

        return number;
    }

    /// <summary>The image to run: the option, else settings <c>job.defaultImage</c>; <c>job.imagePrefix</c> in front.</summary>
    public static string Image(string? option, string? defaultImage, string? prefix)
    {
        var image = string.IsNullOrWhiteSpace(option) ? defaultImage : option.Trim();
        if (string.IsNullOrWhiteSpace(image))
        {
            throw JobmanException.Usage("no image given: pass -i/--image NAME[:TAG] or set job.defaultImage in settings");
        }

        if (image.Any(char.IsWhiteSpace))
        {
            throw JobmanException.Usage($"image '{image}' must not contain spaces");
        }

        return (prefix ?? string.Empty) + image;
    }
}
