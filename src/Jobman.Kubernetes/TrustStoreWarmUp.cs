using System.Security.Cryptography.X509Certificates;

namespace Jobman.Kubernetes;

/// <summary>
/// On Linux, .NET reads the whole system trust store (one file per CA, ~150 here) the first time it validates a
/// server certificate, even when the kubeconfig pins its own CA: ~60 ms on the critical path of every command's
/// first request (bench/RESULTS.md). Loading the store on a pool thread lets that overlap the kubeconfig parsing.
/// </summary>
public static class TrustStoreWarmUp
{
    private static int _started;

    /// <summary>Starts loading the machine root store once per process; never throws, never waits.</summary>
    public static void Start()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        _ = Task.Run(static () =>
        {
            try
            {
                using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
                store.Open(OpenFlags.ReadOnly);

                // Opening is lazy: listing the certificates is what fills the process-wide cache chain building uses.
                foreach (var certificate in store.Certificates)
                {
                    certificate.Dispose();
                }
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // Only a warm-up: the real validation reports any problem with the store.
            }
        });
    }
}
