namespace Jobman.Http;

/// <summary>Looks through an exception and its inner exceptions (HTTP failures arrive wrapped two or three deep).</summary>
public static class ExceptionChain
{
    /// <summary>The first exception of type <typeparamref name="T"/> in the chain, or null.</summary>
    /// <typeparam name="T">The type looked for.</typeparam>
    /// <param name="exception">The outermost exception.</param>
    /// <returns>The match or null.</returns>
    public static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }
}
