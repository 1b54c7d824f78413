namespace Jobman.Sandbox.Harbor;

/// <summary>A user or robot account: name, password/secret, member projects, admin flag.</summary>
/// <param name="Name">Login name (robots: <c>robot$project+name</c>).</param>
/// <param name="Password">Password or robot secret.</param>
/// <param name="Projects">Projects the account is a member of.</param>
/// <param name="IsAdmin">System admin (sees everything; gets 404 for missing projects).</param>
public sealed record HarborUser(string Name, string Password, IReadOnlySet<string> Projects, bool IsAdmin);
