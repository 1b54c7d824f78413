namespace Jobman.Plugins.KubernetesJobs.Tests.Hostile;

/// <summary>Stdin whose first line is answered only after <paramref name="action"/> ran: what happens while a prompt is open.</summary>
internal sealed class PromptAction(Action action, string answer) : TextReader
{
    private bool _answered;

    public override string? ReadLine()
    {
        if (_answered)
        {
            return null;
        }

        _answered = true;
        action();
        return answer;
    }
}
