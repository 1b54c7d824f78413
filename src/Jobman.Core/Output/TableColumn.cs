namespace Jobman.Core.Output;

/// <summary>A column of a <see cref="TableView"/>.</summary>
/// <param name="Header">The header text (upper-cased by the host like kubectl).</param>
/// <param name="WideOnly">Shown only with <c>-o wide</c>.</param>
public sealed record TableColumn(string Header, bool WideOnly = false);
