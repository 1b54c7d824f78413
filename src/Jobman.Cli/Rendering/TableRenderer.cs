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
        // Loops, not LINQ over column indexes: LINQ over a value type is compiled at run time on every start.
        var visible = new List<int>(table.Columns.Count);
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (wide || !table.Columns[i].WideOnly)
            {
                visible.Add(i);
            }
        }

        var widths = new int[visible.Count];
        for (var k = 0; k < visible.Count; k++)
        {
            widths[k] = table.Columns[visible[k]].Header.Length;
            foreach (var row in table.Rows)
            {
                widths[k] = Math.Max(widths[k], row[visible[k]].Text.Length);
            }
        }

        // One reused line buffer: a 1,000-row list otherwise built five strings per cell (~10 ms).
        var line = new System.Text.StringBuilder();
        for (var k = 0; k < visible.Count; k++)
        {
            AppendCell(line, table.Columns[visible[k]].Header.ToUpperInvariant(), Tone.Plain, widths[k], k, visible.Count, color: false);
        }

        WriteTrimmed(writer, line);
        foreach (var row in table.Rows)
        {
            for (var k = 0; k < visible.Count; k++)
            {
                var cell = row[visible[k]];
                AppendCell(line, cell.Text, cell.Tone, widths[k], k, visible.Count, color);
            }

            WriteTrimmed(writer, line);
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

        // A cell is copied only when escaping changed its text: a 1,000-row list copied every one of its 7,000 cells.
        foreach (var row in table.Rows)
        {
            var cells = new TableCell[row.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                var cell = row[i];
                var text = TerminalText.Escape(cell.Text);
                cells[i] = ReferenceEquals(text, cell.Text) ? cell : cell with { Text = text };
            }

            copy.AddRow(cells);
        }

        return copy;
    }

    /// <summary>Appends the cell, coloured, then its padding (so escape codes never disturb the alignment) and the gap.</summary>
    private static void AppendCell(System.Text.StringBuilder line, string text, Tone tone, int width, int index, int count, bool color)
    {
        if (index > 0)
        {
            line.Append(Gap);
        }

        line.Append(Ansi.Style(text, tone, color));
        if (index < count - 1)
        {
            // The last column is never padded.
            line.Append(' ', Math.Max(0, width - text.Length));
        }
    }

    private static void WriteTrimmed(TextWriter writer, System.Text.StringBuilder line)
    {
        var end = line.Length;
        while (end > 0 && char.IsWhiteSpace(line[end - 1]))
        {
            end--;
        }

        foreach (var chunk in line.GetChunks())
        {
            var take = Math.Min(chunk.Length, end);
            writer.Write(chunk.Span[..take]);
            end -= take;
            if (end == 0)
            {
                break;
            }
        }

        writer.WriteLine();
        line.Clear();
    }
}
