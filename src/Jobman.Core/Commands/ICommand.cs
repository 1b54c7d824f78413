namespace Jobman.Core.Commands;

/// <summary>
/// A jobman command contributed by a plugin. The command declares its options through <see cref="Spec"/>;
/// the host owns parsing, help, error printing and exit codes.
/// </summary>
public interface ICommand
{
    /// <summary>Name, description and options of the command.</summary>
    CommandSpec Spec { get; }

    /// <summary>Runs the command.</summary>
    /// <param name="invocation">Parsed option values, command arguments, settings and output.</param>
    /// <param name="cancellationToken">Cancelled when the user presses Ctrl+C.</param>
    /// <returns>The process exit code (see <see cref="ExitCodes"/>).</returns>
    /// <exception cref="JobmanException">For any failure the user can act on.</exception>
    Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken);
}
