namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>Waits for state with a deadline instead of sleeping a fixed time.</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<T> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var value = probe();
        while (!done(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}; last value: {value}");
            }

            await Task.Delay(20);
            value = probe();
        }

        return value;
    }
}
