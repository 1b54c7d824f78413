namespace Jobman.Core.Output;

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
