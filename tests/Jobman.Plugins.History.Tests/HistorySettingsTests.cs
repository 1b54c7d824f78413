using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Core.Settings;

namespace Jobman.Plugins.History.Tests;

/// <summary>The <c>history</c> section is read by generated code: keys left out keep their documented defaults.</summary>
public sealed class HistorySettingsTests
{
    [Test]
    public void Keys_left_out_keep_their_defaults()
    {
        var settings = HistorySettings.From(Settings("""{ "history": { "keepLogs": false } }"""));

        settings.KeepLogs.Should().BeFalse();
        settings.Journal.Should().BeTrue();
        settings.LogMaxMiBPerJob.Should().Be(10);
        settings.LogMaxMiBTotal.Should().Be(200);
    }

    [Test]
    public void Numbers_may_be_written_as_strings_and_a_wrong_shape_names_the_key()
    {
        HistorySettings.From(Settings("""{ "history": { "logMaxMiBTotal": "50" } }""")).LogMaxMiBTotal.Should().Be(50);

        var act = () => HistorySettings.From(Settings("""{ "history": { "journal": "sometimes" } }"""));

        act.Should().Throw<JobmanException>().Where(e => e.ExitCode == 2).WithMessage("settings key 'history' has an invalid value*");
    }

    private static JobmanSettings Settings(string json) => new(JsonNode.Parse(json)!.AsObject(), []);
}
