using Jobman.Cli.Rendering;

namespace Jobman.Plugins.Harbor.Tests;

/// <summary>The ANSI side of Markdown descriptions (the runner's output is redirected, so it only sees plain text).</summary>
public sealed class TerminalMarkdownTests
{
    private const string Bold = "\u001b[1m";
    private const string BoldOff = "\u001b[22m";

    [Test]
    public void Headings_are_bold_and_underlined()
    {
        var lines = TerminalMarkdown.Render("# Title\n\n### Small", color: true);

        lines.Should().Equal($"{Bold}\u001b[4mTitle\u001b[24m{BoldOff}", "", $"{Bold}Small{BoldOff}");
    }

    [Test]
    public void Emphasis_code_links_bullets_and_code_blocks_are_styled()
    {
        var lines = TerminalMarkdown.Render("Some **bold** and *it* `x` [doc](https://d.example)\n\n- one\n\n```\ncode\n```", color: true);

        lines[0].Should().Be($"Some {Bold}bold{BoldOff} and \u001b[3mit\u001b[23m \u001b[36mx\u001b[39m doc (\u001b[4mhttps://d.example\u001b[24m)");
        lines[2].Should().Be("• one");
        lines[4].Should().Be("    \u001b[36mcode\u001b[39m");
    }

    [Test]
    public void Plain_text_has_no_escape_codes()
    {
        var lines = TerminalMarkdown.Render("## Usage\nRun **it**.\n\n---\n\n3. three\n4. four", color: false);

        lines.Should().Equal("Usage", "-----", "", "Run it.", "", "---", "", "3. three", "4. four");
    }

    [Test]
    public void Pipe_tables_become_aligned_columns()
    {
        var markdown = "| Tag | CUDA |\n|-----|------|\n| 1.4.2 | 12.4 |\n| **latest** | 12.6 |";

        TerminalMarkdown.Render(markdown, color: false).Should().Equal(
            "Tag     CUDA",
            "------  ----",
            "1.4.2   12.4",
            "latest  12.6");
        TerminalMarkdown.Render(markdown, color: true)[2].Should().Be($"{Bold}latest{BoldOff}  12.6");
    }
}
