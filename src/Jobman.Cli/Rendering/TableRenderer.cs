using Jobman.Core.Output;
using Jobman.Core.Text;

namespace Jobman.Cli.Rendering;

/// <summary>
/// Renders tables like kubectl: upper-case headers, columns separated by three spaces, no borders, so output
/// stays greppable and copy-pastable. The last column is never padded.
/// </summary>
internal static class TableRenderer
{
    private const string Gap = "   ";

    public static void Render(TableView table, TextWriter writer, bool wide, bool color)
    {
        if (table.Rows.Count == 0 && table.EmptyMessage is not null)
        {
            writer.WriteLine(table.EmptyMessage);
            WriteFooter(table, writer);
            return;
        }

        table = Escaped(table);
        var visible = Enumerable.Range(0, table.Columns.Count).Where(i => wide || !table.Columns[i].WideOnly).ToArray();
        var widths = visible.Select(i => Math.Max(
            table.Columns[i].Header.Length,
            table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r[i].Text.Length))).ToArray();

        var header = visible.Select((col, k) => Pad(table.Columns[col].Header.ToUpperInvariant(), widths[k], k == visible.Length - 1));
        writer.WriteLine(string.Join(Gap, header).TrimEnd());
        foreach (var row in table.Rows)
        {
            var cells = visible.Select((col, k) =>
            {
                var cell = row[col];
                var padded = Pad(cell.Text, widths[k], k == visible.Length - 1);
                // Pad first, then colour, so escape codes never disturb the alignment.
                return Ansi.Style(cell.Text, cell.Tone, color) + padded[cell.Text.Length..];
            });
            writer.WriteLine(string.Join(Gap, cells).TrimEnd());
        }

        WriteFooter(table, writer);
    }

    private static void WriteFooter(TableView table, TextWriter writer)
    {
        if (table.Footer.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        foreach (var line in table.Footer)
        {
            writer.WriteLine(line);
        }
    }

    /// <summary>Cells hold cluster and registry text: escape control characters before measuring and printing.</summary>
    private static TableView Escaped(TableView table)
    {
        var copy = new TableView([.. table.Columns]) { EmptyMessage = table.EmptyMessage };
        foreach (var line in table.Footer)
        {
            copy.Footer.Add(TerminalText.Escape(line));
        }

        foreach (var row in table.Rows)
        {
            copy.AddRow([.. row.Select(cell => cell with { Text = TerminalText.Escape(cell.Text) })]);
        }

        return copy;
    }

    private static string Pad(string text, int width, bool last) => last ? text : text.PadRight(width);
}
