using System.Globalization;

namespace Jobman.Bench;

/// <summary>Prints one <c>name: value unit</c> line per figure on stdout, so results can be grepped and diffed.</summary>
internal sealed class FigureWriter(TextWriter output)
{
    public void Add(string name, double value, string unit)
    {
        var digits = Math.Abs(value) >= 100 || unit == "requests" ? "0" : Math.Abs(value) >= 10 ? "0.0" : "0.00";
        output.WriteLine($"{name}: {value.ToString(digits, CultureInfo.InvariantCulture)} {unit}");
        output.Flush();
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
