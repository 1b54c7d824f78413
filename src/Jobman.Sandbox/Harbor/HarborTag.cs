namespace Jobman.Sandbox.Harbor;

/// <summary>A tag of an artifact.</summary>
/// <param name="Id">Tag id.</param>
/// <param name="Name">Tag name.</param>
/// <param name="PushTime">When it was pushed.</param>
public sealed record HarborTag(long Id, string Name, DateTimeOffset PushTime);
