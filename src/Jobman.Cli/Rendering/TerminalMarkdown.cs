using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Jobman.Cli.Rendering;

/// <summary>
/// Renders Markdown (image descriptions) for a terminal: headings bold/underlined, bullets, indented code blocks,
/// links as <c>text (url)</c>, emphasis. With colour off (<c>--no-color</c>, pipes) the same layout is plain text:
/// headings underlined with <c>=</c>/<c>-</c>, bullets as <c>-</c>, no escape codes.
/// </summary>
internal static class TerminalMarkdown
{
    private static readonly Regex AnsiSequence = new("\u001b\\[[0-9;]*m", RegexOptions.Compiled);

    // Pipe tables are common in image descriptions (versions, contents); the rest is plain CommonMark.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    /// <summary>Renders a Markdown document.</summary>
    /// <param name="markdown">The source.</param>
    /// <param name="color">Use ANSI styles.</param>
    /// <returns>The lines to print (no trailing blank line).</returns>
    public static IReadOnlyList<string> Render(string markdown, bool color)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var lines = new Styler(color).Blocks(document, tight: false);
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private sealed class Styler(bool color)
    {
        private string Wrap(string text, string on, string off) => color && text.Length > 0 ? $"\u001b[{on}m{text}\u001b[{off}m" : text;

        public List<string> Blocks(ContainerBlock container, bool tight)
        {
            var lines = new List<string>();
            foreach (var block in container)
            {
                if (lines.Count > 0 && !tight)
                {
                    lines.Add("");
                }

                lines.AddRange(Block(block));
            }

            return lines;
        }

        private List<string> Block(Block block) => block switch
        {
            HeadingBlock heading => Heading(heading),
            ParagraphBlock paragraph => Inlines(paragraph.Inline),
            ListBlock list => List(list),
            FencedCodeBlock or CodeBlock => Code((LeafBlock)block),
            QuoteBlock quote => Blocks(quote, tight: false).Select(l => Wrap(color ? "│ " : "> ", "2", "22") + l).ToList(),
            ThematicBreakBlock => [Wrap(color ? new string('─', 40) : "---", "2", "22")],
            HtmlBlock html => Raw(html),
            Table table => Table(table),
            ContainerBlock other => Blocks(other, tight: false),
            LeafBlock leaf => leaf.Inline is null ? Raw(leaf) : Inlines(leaf.Inline),
            _ => [],
        };

        private List<string> Heading(HeadingBlock heading)
        {
            var text = string.Join(" ", Inlines(heading.Inline));
            if (color)
            {
                return [heading.Level <= 2 ? Wrap(Wrap(text, "4", "24"), "1", "22") : Wrap(text, "1", "22")];
            }

            // Plain text: underline the two top levels like Setext headings so they still stand out.
            var plain = text.Length;
            return heading.Level switch
            {
                1 => [text, new string('=', plain)],
                2 => [text, new string('-', plain)],
                _ => [text],
            };
        }

        private List<string> List(ListBlock list)
        {
            var lines = new List<string>();
            var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
            foreach (var item in list.OfType<ListItemBlock>())
            {
                if (lines.Count > 0 && list.IsLoose)
                {
                    lines.Add("");
                }

                var marker = list.IsOrdered ? $"{number++}{list.OrderedDelimiter} " : (color ? "• " : "- ");
                var indent = new string(' ', marker.Length);
                var body = Blocks(item, tight: !list.IsLoose);
                for (var i = 0; i < body.Count; i++)
                {
                    lines.Add(body[i].Length == 0 ? "" : (i == 0 ? marker : indent) + body[i]);
                }

                if (body.Count == 0)
                {
                    lines.Add(marker.TrimEnd());
                }
            }

            return lines;
        }

        /// <summary>A pipe table as aligned columns separated by two spaces, the header row bold (or underlined with dashes).</summary>
        private List<string> Table(Table table)
        {
            var rows = table.OfType<TableRow>()
                .Select(row => (row.IsHeader, Cells: row.OfType<TableCell>().Select(cell => string.Join(" ", Blocks(cell, tight: true))).ToList()))
                .ToList();
            var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Cells.Count);
            var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Cells.Count ? VisibleLength(r.Cells[c]) : 0)).ToArray();
            var lines = new List<string>();
            foreach (var (isHeader, cells) in rows)
            {
                var padded = cells.Select((text, c) => c == cells.Count - 1 ? text : text + new string(' ', widths[c] - VisibleLength(text)));
                var line = string.Join("  ", padded).TrimEnd();
                lines.Add(isHeader ? Wrap(line, "1", "22") : line);
                if (isHeader && !color)
                {
                    lines.Add(string.Join("  ", widths.Select(w => new string('-', Math.Max(w, 1)))));
                }
            }

            return lines;
        }

        private static int VisibleLength(string text) => AnsiSequence.Replace(text, "").Length;

        private List<string> Code(LeafBlock code) =>
            code.Lines.Lines.Take(code.Lines.Count).Select(l => "    " + Wrap(l.Slice.ToString(), "36", "39")).ToList();

        private static List<string> Raw(LeafBlock block) =>
            block.Lines.Lines.Take(block.Lines.Count).Select(l => l.Slice.ToString()).ToList();

        private List<string> Inlines(ContainerInline? inlines)
        {
            var text = new StringBuilder();
            if (inlines is not null)
            {
                Append(inlines, text);
            }

            return [.. text.ToString().Split('\n')];
        }

        private void Append(ContainerInline container, StringBuilder text)
        {
            foreach (var inline in container)
            {
                Append(inline, text);
            }
        }

        private void Append(Inline inline, StringBuilder text)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case CodeInline code:
                    text.Append(color ? Wrap(code.Content, "36", "39") : $"`{code.Content}`");
                    break;
                case LineBreakInline:
                    text.Append('\n');
                    break;
                case EmphasisInline emphasis:
                    var inner = new StringBuilder();
                    Append(emphasis, inner);
                    text.Append(emphasis.DelimiterCount >= 2 ? Wrap(inner.ToString(), "1", "22") : Wrap(inner.ToString(), "3", "23"));
                    break;
                case LinkInline link:
                    var label = new StringBuilder();
                    Append(link, label);
                    var url = link.GetDynamicUrl?.Invoke() ?? link.Url ?? "";
                    var shown = link.IsImage ? $"[image: {label}]" : label.ToString();
                    text.Append(shown.Length == 0 || shown == url ? Wrap(url, "4", "24") : $"{shown} ({Wrap(url, "4", "24")})");
                    break;
                case AutolinkInline autolink:
                    text.Append(Wrap(autolink.Url, "4", "24"));
                    break;
                case HtmlInline html:
                    text.Append(html.Tag);
                    break;
                case ContainerInline other:
                    Append(other, text);
                    break;
                default:
                    text.Append(inline.ToString());
                    break;
            }
        }
    }
}
