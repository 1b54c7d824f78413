namespace Jobman.Core.Output;

/// <summary>A column of a <see cref="TableView"/>.</summary>
/// <param name="Header">The header text (upper-cased by the host like kubectl).</param>
/// <param name="WideOnly">Shown only with <c>-o wide</c>.</param>
public sealed record TableColumn(string Header, bool WideOnly = false);

/// <summary>A cell with an optional style.</summary>
/// <param name="Text">The text.</param>
/// <param name="Tone">How the host styles it when colour is on.</param>
public sealed record TableCell(string Text, Tone Tone = Tone.Plain)
{
    /// <summary>Plain cell from a string.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator TableCell(string text) => new(text);
}

/// <summary>A table to render for humans: columns, rows, and lines printed after it.</summary>
public sealed class TableView
{
    /// <summary>Creates a table with the given columns.</summary>
    /// <param name="columns">The columns, left to right.</param>
    public TableView(params TableColumn[] columns) => Columns = columns;

    /// <summary>The columns, left to right.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The rows; each has one cell per column.</summary>
    public List<IReadOnlyList<TableCell>> Rows { get; } = [];

    /// <summary>Lines printed after the table (footnotes, staleness notes).</summary>
    public List<string> Footer { get; } = [];

    /// <summary>Printed instead of the table when there are no rows.</summary>
    public string? EmptyMessage { get; init; }

    /// <summary>Adds a row.</summary>
    /// <param name="cells">One cell per column.</param>
    /// <returns>This table.</returns>
    /// <exception cref="ArgumentException">When the cell count differs from the column count.</exception>
    public TableView AddRow(params TableCell[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"expected {Columns.Count} cells, got {cells.Length}", nameof(cells));
        }

        Rows.Add(cells);
        return this;
    }
}
